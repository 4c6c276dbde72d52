package org.camelmodbus.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The results as markdown: printed as they come and rewritten to a file after each section, so none are lost. */
final class Report {
    private final Path file;
    private final StringBuilder text = new StringBuilder();

    Report(Path file) {
        this.file = file;
    }

    void heading(String title) {
        add("### " + title);
    }

    void paragraph(String line) {
        add(line);
    }

    /** A markdown table; a row shorter than the header (a failed or skipped measurement) ends in empty cells. */
    void table(List<String> header, List<List<String>> rows) {
        StringBuilder t = new StringBuilder("| " + String.join(" | ", header) + " |\n|");
        header.forEach(h -> t.append("---|"));
        t.append('\n');
        for (List<String> row : rows) {
            t.append("| ").append(String.join(" | ", row));
            t.append(" | ".repeat(Math.max(0, header.size() - row.size()))).append(" |\n");
        }
        add(t.toString());
    }

    private void add(String s) {
        // every block stands apart, as markdown wants around tables and headings
        String block = s.strip() + "\n\n";
        text.append(block);
        System.out.print(block);
        System.out.flush();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 41234 -> "41,234"; rates and counts. */
    static String count(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%,.0f", value);
    }

    static String decimal(double value, int digits) {
        return Double.isNaN(value) || Double.isInfinite(value)
                ? "n/a"
                : String.format(Locale.ROOT, "%." + digits + "f", value);
    }

    /** ours / peer, e.g. "1.23×". */
    static String ratio(double ours, double peer) {
        return Double.isNaN(ours) || Double.isNaN(peer) || peer == 0 ? "n/a" : decimal(ours / peer, 2) + "×";
    }

    static String ratio(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "n/a" : decimal(value, 2) + "×";
    }

    static String percent(double share) {
        return Double.isNaN(share) ? "n/a" : decimal(100 * share, 0) + " %";
    }

    static String spread(Samples.Spread s) {
        return Double.isNaN(s.median())
                ? "n/a"
                : "**" + count(s.median()) + "** (" + count(s.min()) + "–" + count(s.max()) + ")";
    }

    static String micros(long nanos) {
        return nanos < 0 ? "n/a" : decimal(nanos / 1e3, 0);
    }
}
