package org.diplomaticledger.history;

import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.diplomaticledger.history.api.ReviseEntry;
import org.diplomaticledger.shared.RuleViolation;

/**
 * Refuses a command that comes, in the same write (an import), after a revision of its aggregate: the aggregate
 * reads its corrected history only when it is loaded again, after the write commits, so it would judge the command
 * on the facts as they stood before the revision. Further revisions of the aggregate in the same write are judged on
 * its history read anew, and pass. One interceptor on the command bus for every aggregate.
 */
class RevisedInThisWrite implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** The ids of the aggregates revised in a write, a resource of the write's root unit of work. */
    private static final String REVISED = RevisedInThisWrite.class.getName() + ".revised";

    private static final CommandTargetResolver TARGETS =
            AnnotationCommandTargetResolver.builder().build();

    /** Notes, in the current write, that the aggregate was revised. */
    static void mark(String aggregateId) {
        CurrentUnitOfWork.get()
                .root()
                .<Set<String>>getOrComputeResource(REVISED, key -> new HashSet<>())
                .add(aggregateId);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Set<String> revised = unitOfWork.root().getResource(REVISED);
        CommandMessage<?> command = unitOfWork.getMessage();
        if (revised != null && !(command.getPayload() instanceof ReviseEntry) && revised.contains(target(command))) {
            throw new RuleViolation(
                    "revised-in-this-write",
                    "an event of this record was corrected or retracted earlier "
                            + "in the same write; send the commands that follow the correction in a separate request, so that "
                            + "they are judged on the corrected history");
        }
        return chain.proceed();
    }

    /** The aggregate the command is for; {@code null} for one that names none ({@code CorrectEntry}). */
    private static String target(CommandMessage<?> command) {
        try {
            return TARGETS.resolveTarget(command).getIdentifier();
        } catch (IllegalArgumentException noTarget) {
            return null;
        }
    }
}
