package org.diplomaticledger.presence.api;

public enum MissionStatus {
    OPEN,
    SUSPENDED,
    CLOSED
}
