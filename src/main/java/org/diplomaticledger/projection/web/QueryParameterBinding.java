package org.diplomaticledger.projection.web;

import java.beans.PropertyEditorSupport;
import java.time.Clock;
import java.time.LocalDate;
import org.diplomaticledger.shared.LedgerTime;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.servlet.mvc.method.annotation.ExtendedServletRequestDataBinder;

/**
 * How the reads' query parameters are bound, whether one by one ({@code @RequestParam}) or into a read's query record
 * ({@code @ParameterObject}):
 * <ul>
 *     <li>every date ({@code on}, {@code from}, {@code to}) is read as {@code YYYY-MM-DD} within {@link LedgerTime}'s
 *     span, as {@code asOf} is; a date outside it is answered 400 naming the parameter (through
 *     {@link ProjectionProblemAdvice}'s type-mismatch answer). A binder's own editor wins over the conversion
 *     service, so this holds for every {@code LocalDate} parameter without annotating each;</li>
 *     <li>a query record is bound from the query alone: not also from request headers of the same name, as Spring
 *     otherwise binds them when the query lacks one ({@code Status: …} would fill {@code status}).</li>
 * </ul>
 */
@ControllerAdvice
class QueryParameterBinding {

    private final Clock clock;

    QueryParameterBinding(Clock clock) {
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

    @InitBinder
    void queryOnly(WebDataBinder binder) {
        if (binder instanceof ExtendedServletRequestDataBinder request) {
            request.setHeaderPredicate(header -> false);
        }
    }
}
