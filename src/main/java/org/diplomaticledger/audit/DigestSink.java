package org.diplomaticledger.audit;

/** Somewhere the {@link DigestPublisher} sends each new signed digest, besides the log and the data directory. */
public interface DigestSink {

    /** Publishes the digest; may throw, the publisher logs it and goes on. */
    void publish(SignedDigest digest) throws Exception;
}
