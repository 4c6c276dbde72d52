package org.camelmodbus;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.spi.ExceptionHandler;

/** A consumer's {@code exceptionHandler} that adds what the consumer reports to a list instead of logging it. */
public record RecordingExceptionHandler(List<Throwable> errors) implements ExceptionHandler {
    @Override
    public void handleException(Throwable exception) {
        errors.add(exception);
    }

    @Override
    public void handleException(String message, Throwable exception) {
        errors.add(exception);
    }

    @Override
    public void handleException(String message, Exchange exchange, Throwable exception) {
        errors.add(exception);
    }
}
