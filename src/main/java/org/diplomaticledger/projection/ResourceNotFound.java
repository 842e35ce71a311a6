package org.diplomaticledger.projection;

/** A resource the read API does not know (a mission, talks, a presence): answered 404. */
public class ResourceNotFound extends RuntimeException {
    public ResourceNotFound(String message) {
        super(message);
    }
}
