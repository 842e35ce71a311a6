package org.diplomaticledger.projection;

import java.util.List;

/**
 * An answer that is not a list of items but has a table to give as CSV (a history: one row per event). With
 * {@code Accept: text/csv}, {@link CsvMessageConverter} writes {@link #csvRows()}, records of {@link #csvRowType()},
 * as it writes a page's items.
 */
public interface CsvTable {

    /** The rows, each a record of {@link #csvRowType()}. */
    List<?> csvRows();

    /** The record type of the rows, so that an empty table still has its header. */
    Class<?> csvRowType();
}
