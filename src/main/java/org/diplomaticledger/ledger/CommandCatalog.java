package org.diplomaticledger.ledger;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.diplomaticledger.shared.LedgerCommand;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * Every command the ledger accepts, by name: the simple name of each {@link LedgerCommand} record under
 * {@code org.diplomaticledger}. A capability adds a command by adding its record; nothing is registered by hand.
 */
@Component
public class CommandCatalog {

    private final Map<String, Class<? extends LedgerCommand>> commands;

    public CommandCatalog() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(LedgerCommand.class));
        Map<String, Class<? extends LedgerCommand>> found = new TreeMap<>();
        for (var candidate : scanner.findCandidateComponents("org.diplomaticledger")) {
            Class<?> type = ClassUtils.resolveClassName(
                    candidate.getBeanClassName(), getClass().getClassLoader());
            if (type.isRecord()) {
                Class<? extends LedgerCommand> command = type.asSubclass(LedgerCommand.class);
                Class<?> clash = found.put(type.getSimpleName(), command);
                if (clash != null) {
                    throw new IllegalStateException(
                            "Two commands are named " + type.getSimpleName() + ": " + clash + " and " + type);
                }
            }
        }
        this.commands = Collections.unmodifiableMap(found);
    }

    public Optional<Class<? extends LedgerCommand>> find(String name) {
        return Optional.ofNullable(name).map(commands::get);
    }

    public Map<String, Class<? extends LedgerCommand>> all() {
        return commands;
    }
}
