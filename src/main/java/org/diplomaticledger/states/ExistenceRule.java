package org.diplomaticledger.states;

import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.diplomaticledger.history.api.EntryCorrected;
import org.diplomaticledger.history.api.ReviseEntry;
import org.diplomaticledger.shared.AdminCommand;
import org.diplomaticledger.shared.CountryCode;
import org.diplomaticledger.shared.EndsWithTheState;
import org.diplomaticledger.shared.EventJson;
import org.diplomaticledger.shared.InvalidValueException;
import org.diplomaticledger.shared.LedgerCommand;
import org.diplomaticledger.shared.LedgerEvent;
import org.diplomaticledger.shared.RuleViolation;
import org.diplomaticledger.states.api.RegisterState;
import org.diplomaticledger.states.api.ReviseRegisterEntry;
import org.diplomaticledger.states.api.StatePeriod;
import org.diplomaticledger.states.projection.StateRegistry;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * The existence rule: a command naming a state on a day the state did not exist is refused (409,
 * {@code state-not-in-existence}, naming the field, the state and its periods); a code the register does not hold is
 * refused as invalid input (400, naming the field). It runs on the command bus before any aggregate, so it holds for
 * HTTP commands and imports alike, and nothing is written.
 *
 * <p>The states a command names are found from its type, once per command type: every record component of type
 * {@link CountryCode} or a collection of them ({@code parties}), the same in a nested record of the ledger's
 * ({@code venue.country}), and a {@code missionId}, whose first two parts are
 * the sending and the receiving state. The day is the command's {@code effectiveDate}; a command that
 * {@link EndsWithTheState} may also be dated on the first day a state it names no longer existed. The register's own
 * commands ({@link AdminCommand}s: {@link RegisterState}, {@code SeedStates}, {@code RecordSuccession}) are not
 * checked here (they define states, and the register judges them), but only ADMIN may send them.
 *
 * <p>A correction ({@code CorrectEntry}) that moves an event to another day is judged the same way on that day, as
 * the history hands it to the event's aggregate ({@link ReviseEntry}): the states the corrected event names must have
 * existed then, and a refusal names {@code corrections.effectiveDate}.
 */
@Component
class ExistenceRule implements MessageHandlerInterceptor<CommandMessage<?>> {

    static final String RULE = "state-not-in-existence";

    private final StateRegistry registry;

    /** Axon's Spring Boot autoconfiguration registers every command handler interceptor bean on the command bus. */
    ExistenceRule(StateRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object payload = unitOfWork.getMessage().getPayload();
        if (payload instanceof AdminCommand) {
            requireAdmin(payload);
        } else if (payload instanceof LedgerCommand command && command.effectiveDate() != null) {
            check(command);
        } else if (payload instanceof ReviseEntry revise
                && !(payload instanceof ReviseRegisterEntry) // the register judges its own (it corrects none)
                && revise.revision().event() instanceof EntryCorrected correction
                && revise.revision().movedTo() != null) {
            check(correction, revise.revision().movedTo());
        }
        return chain.proceed();
    }

    /**
     * A correction that moves an event to another day is judged as a new command would be on that day: the states its
     * corrected payload names must exist then (a closure may fall on the first day one no longer existed). The field
     * named is the one the client moved, {@code corrections.effectiveDate}.
     */
    private void check(EntryCorrected correction, LocalDate day) {
        Class<?> type = EVENT_TYPES.get().get(correction.eventType());
        if (type == null) {
            return;
        }
        Object corrected = EventJson.mapper().convertValue(correction.corrected(), type);
        judge(corrected, day, named -> "corrections.effectiveDate", corrected instanceof EndsWithTheState);
    }

    /**
     * Where the sender is known on this thread (a request's own thread: an import, or a command written alone), it must
     * be an ADMIN; the path {@code /api/v1/commands/RegisterState} is ADMIN's alone as well.
     */
    private static void requireAdmin(Object command) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null
                && authentication.isAuthenticated()
                && authentication.getAuthorities().stream()
                        .noneMatch(authority -> authority.getAuthority().equals("ROLE_ADMIN"))) {
            throw new RuleViolation("admin-only", command.getClass().getSimpleName() + " is for ADMIN only");
        }
    }

    void check(LedgerCommand command) {
        judge(command, command.effectiveDate(), Named::field, command instanceof EndsWithTheState);
    }

    /**
     * Judges the states a command or an event names on the day; a refusal names the field {@code fieldOf} gives.
     * {@code mayEndThatDay}: the fact ends something the state held, and may fall on the first day it no longer existed.
     */
    private void judge(
            Object fact, LocalDate day, java.util.function.Function<Named, String> fieldOf, boolean mayEndThatDay) {
        for (Named named : named(fact)) {
            StateRegistry.Entry entry = registry.find(named.code())
                    .orElseThrow(() -> new InvalidValueException(
                            named.field(),
                            "unknown state '" + named.code()
                                    + "': the register of states does not hold it (GET /api/v1/states)"));
            if (!entry.existsOn(day) && !(mayEndThatDay && entry.endsOn(day))) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("state", entry.code().value());
                details.put("stateName", entry.name());
                details.put(
                        "periods",
                        entry.periods().stream().map(ExistenceRule::period).toList());
                details.put("effectiveDate", day.toString());
                String field = fieldOf.apply(named);
                throw new RuleViolation(
                        RULE,
                        field,
                        (field.equals(named.field()) ? "" : field + ": ") + named.field() + ": " + entry.code() + " ("
                                + entry.name() + ") did not exist on " + day + "; it existed "
                                + describe(entry.periods()),
                        details);
            }
        }
    }

    private static Map<String, Object> period(StatePeriod period) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", period.from().toString());
        json.put("until", period.until() == null ? null : period.until().toString());
        return json;
    }

    private static String describe(List<StatePeriod> periods) {
        List<String> spans = new ArrayList<>();
        for (StatePeriod period : periods) {
            spans.add("from " + period.from() + (period.until() == null ? " on" : " until " + period.until()));
        }
        return String.join(", ", spans);
    }

    record Named(String field, CountryCode code) {}

    /** The states the command names, with the field that names each. */
    static List<Named> named(Object command) {
        List<Named> named = new ArrayList<>();
        named(command, "", named);
        return named;
    }

    private static void named(Object command, String prefix, List<Named> named) {
        for (RecordComponent component : COMPONENTS.get(command.getClass())) {
            Object value;
            try {
                value = component.getAccessor().invoke(command);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (value instanceof CountryCode code) {
                named.add(new Named(prefix + component.getName(), code));
            } else if (value instanceof Record nested) {
                named(nested, prefix + component.getName() + ".", named);
            } else if (value instanceof Collection<?> list) {
                int i = 0;
                for (Object element : list) {
                    if (element instanceof CountryCode code) {
                        named.add(new Named(prefix + component.getName() + "[" + i + "]", code));
                    }
                    i++;
                }
            } else if (value instanceof String missionId && component.getName().equals("missionId")) {
                String[] parts = missionId.split("-");
                if (parts.length > 2) {
                    for (int i = 0; i < 2; i++) {
                        try {
                            named.add(new Named(prefix + "missionId", CountryCode.of(parts[i])));
                        } catch (InvalidValueException notAState) {
                            // the mission's own rules answer an id that names no state
                        }
                    }
                }
            }
        }
    }

    /** Every event type of the ledger by its simple name (as a correction names it), found once on first use. */
    private static final java.util.function.Supplier<Map<String, Class<?>>> EVENT_TYPES =
            new java.util.function.Supplier<>() {
                private volatile Map<String, Class<?>> found;

                @Override
                public Map<String, Class<?>> get() {
                    if (found == null) {
                        ClassPathScanningCandidateComponentProvider scanner =
                                new ClassPathScanningCandidateComponentProvider(false);
                        scanner.addIncludeFilter(new AssignableTypeFilter(LedgerEvent.class));
                        Map<String, Class<?>> types = new java.util.HashMap<>();
                        for (var candidate : scanner.findCandidateComponents("org.diplomaticledger")) {
                            Class<?> type = ClassUtils.resolveClassName(
                                    candidate.getBeanClassName(), ExistenceRule.class.getClassLoader());
                            if (type.isRecord()) {
                                types.put(type.getSimpleName(), type);
                            }
                        }
                        found = Map.copyOf(types);
                    }
                    return found;
                }
            };

    /** Each command type's components that can name a state, found once. */
    private static final ClassValue<List<RecordComponent>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<RecordComponent> computeValue(Class<?> type) {
            List<RecordComponent> found = new ArrayList<>();
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    Class<?> raw = component.getType();
                    boolean codes = Collection.class.isAssignableFrom(raw)
                            && component.getGenericType() instanceof java.lang.reflect.ParameterizedType generic
                            && generic.getActualTypeArguments()[0].getTypeName().contains(CountryCode.class.getName());
                    boolean nested = raw.isRecord() && raw.getPackageName().startsWith("org.diplomaticledger");
                    if (raw == CountryCode.class
                            || codes
                            || nested
                            || (raw == String.class && component.getName().equals("missionId"))) {
                        component.getAccessor().setAccessible(true);
                        found.add(component);
                    }
                }
            }
            return List.copyOf(found);
        }
    };
}
