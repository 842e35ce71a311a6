package org.diplomaticledger.projection.web;

import org.diplomaticledger.shared.LedgerTime;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

import java.beans.PropertyEditorSupport;
import java.time.Clock;
import java.time.LocalDate;

/**
 * Every date a read takes as a query parameter ({@code on}, {@code from}, {@code to}) is read as {@code YYYY-MM-DD}
 * within {@link LedgerTime}'s span, as {@code asOf} is; a date outside it is answered 400 naming the parameter
 * (through {@link ProjectionProblemAdvice}'s type-mismatch answer). A binder's own editor wins over the conversion
 * service, so this holds for every {@code LocalDate} parameter without annotating each.
 */
@ControllerAdvice
class DateParameters {

    private final Clock clock;

    DateParameters(Clock clock) {
        this.clock = clock;
    }

    @InitBinder
    void dates(WebDataBinder binder) {
        binder.registerCustomEditor(LocalDate.class, new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                setValue(text == null || text.isBlank() ? null : LedgerTime.parse(binder.getObjectName(), text, clock));
            }
        });
    }
}
