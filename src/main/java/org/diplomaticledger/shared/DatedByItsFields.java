package org.diplomaticledger.shared;

/**
 * A command whose effective date follows from its own fields (a state registered is dated by the first day it
 * existed): a missing {@code effectiveDate} is left for the command to fill in, not read as today, and one sent that
 * disagrees with its fields is the command's to refuse.
 */
public interface DatedByItsFields {}
