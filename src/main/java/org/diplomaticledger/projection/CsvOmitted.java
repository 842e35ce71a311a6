package org.diplomaticledger.projection;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A record component that the JSON answer has and the CSV answer leaves out, so that a table keeps the columns
 * spreadsheets already read: a mark that the other columns say already (a trend's {@code stateAsThen}, whose code
 * stands in {@code sendingState} or {@code receivingState}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface CsvOmitted {}
