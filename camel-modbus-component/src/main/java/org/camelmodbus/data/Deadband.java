package org.camelmodbus.data;

/**
 * How far a number must move from the value last reported before it is reported again: an absolute amount in the
 * point's engineering unit, or a percentage of the value last reported. A change of exactly the band is not reported.
 */
public record Deadband(double amount, boolean percent) {

    public Deadband {
        if (!(amount >= 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException("deadband must be a finite amount of at least 0, got " + amount);
        }
    }

    public static Deadband absolute(double amount) {
        return new Deadband(amount, false);
    }

    public static Deadband percent(double percent) {
        return new Deadband(percent, true);
    }

    /** Parses {@code 0.5} (absolute) or {@code 2%} (percent of the last reported value). */
    public static Deadband parse(String text) {
        String t = text.trim();
        boolean percent = t.endsWith("%");
        try {
            double amount =
                    Double.parseDouble(percent ? t.substring(0, t.length() - 1).trim() : t);
            return new Deadband(amount, percent);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "deadband '" + text + "' is neither a number such as 0.5 nor a" + " percentage such as 2%");
        }
    }

    /**
     * Whether {@code current} moved out of the band around {@code reported}. Any change into or out of NaN counts;
     * numbers of any Number type are compared by value.
     */
    public boolean exceeded(Number reported, Number current) {
        double was = reported.doubleValue();
        double now = current.doubleValue();
        if (Double.isNaN(was) || Double.isNaN(now)) {
            return Double.isNaN(was) != Double.isNaN(now);
        }
        if (Double.isInfinite(was) || Double.isInfinite(now)) {
            return was != now;
        }
        double band = percent ? Math.abs(was) * amount / 100 : amount;
        return Math.abs(now - was) > band;
    }

    @Override
    public String toString() {
        return percent ? amount + "%" : Double.toString(amount);
    }
}
