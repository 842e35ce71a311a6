package org.diplomaticledger.shared;

/**
 * A command that ends something a state held ({@code CloseMission}), or the event it records ({@code MissionClosed},
 * for a correction that moves it): besides the days a state it names existed, it
 * may be dated on the first day the state no longer existed, the {@code until} of one of its periods (docs/states.md).
 * A mission of the German Democratic Republic, which existed until 1990-10-03, closes on 1990-10-03, the day of the
 * absorption, as the succession that ended the state closes it; it is not a fact of a day the state did not exist.
 */
public interface EndsWithTheState {}
