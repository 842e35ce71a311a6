package org.diplomaticledger.projection;

/** A query parameter the read API cannot use; answered 400 naming the parameter. */
public class QueryParameterException extends RuntimeException {

    private final String parameter;

    public QueryParameterException(String parameter, String message) {
        super(parameter + ": " + message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
