package org.diplomaticledger.shared;

/** Identifiers a client may choose (person, expulsion, ceiling ids): letters, digits, '.', '_' and '-', at most 100. */
public final class Ids {

    public static final String PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$";

    private Ids() {}
}
