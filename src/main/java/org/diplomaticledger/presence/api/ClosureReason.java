package org.diplomaticledger.presence.api;

/** Why a mission closed. CONSENT_WITHDRAWN is the receiving state's act (VCDR Art. 2; VCCR Art. 4), usually with a deadline. */
public enum ClosureReason { DECISION_OF_SENDING_STATE, CONSENT_WITHDRAWN, RELATIONS_SEVERED, OTHER }
