package org.diplomaticledger.history.api;

import java.util.Map;
import org.diplomaticledger.shared.Provenance;

/**
 * A correction or a retraction of one event, as the client asked for it; {@code history} judges it on the history of
 * the aggregate that owns the event, and hands that aggregate the resulting {@link JudgedRevision}.
 *
 * @param eventId     the event to correct or retract
 * @param corrections the fields to change with their new values; {@code null} for a retraction
 * @param reason      why
 * @param source      who reported it
 */
public record EntryRevision(String eventId, Map<String, Object> corrections, String reason, Provenance source) {

    public static EntryRevision correction(CorrectEntry command) {
        return new EntryRevision(command.eventId(), command.corrections(), command.reason(), command.source());
    }

    public static EntryRevision retraction(RetractEntry command) {
        return new EntryRevision(command.eventId(), null, command.reason(), command.source());
    }

    public boolean isRetraction() {
        return corrections == null;
    }
}
