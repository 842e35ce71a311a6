package org.diplomaticledger.projection;

import java.time.LocalDate;
import org.diplomaticledger.states.api.StateAsThen;

/**
 * The state a row was recorded under, when a read named its successor by continuation (docs/states.md#succession):
 * its {@code code} and {@code name} then, the state that continued it ({@code continuedBy}) and the day from which
 * that state answers for itself ({@code until}, exclusive): {@code {"code":"SU","name":"Union of Soviet Socialist
 * Republics","continuedBy":"RU","until":"1991-12-25"}}. Shared by the capabilities whose reads follow continuations.
 */
public record StateAsThenView(String code, String name, String continuedBy, LocalDate until) {

    /** The mark of a state as the register's lineage gives it. */
    public static StateAsThenView of(StateAsThen state) {
        return new StateAsThenView(
                state.code().value(), state.name(), state.continuedBy().value(), state.until());
    }
}
