package org.diplomaticledger.presence.api;

/**
 * The two dated steps of VCDR Art. 13: the true copy of the credentials to the foreign ministry (functions start
 * here in US practice), then the presentation of the letters of credence to the head of state.
 */
public enum CredentialsStep {
    COPY_TO_FOREIGN_MINISTRY,
    PRESENTATION_TO_HEAD_OF_STATE
}
