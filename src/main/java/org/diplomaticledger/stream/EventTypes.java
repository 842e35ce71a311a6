package org.diplomaticledger.stream;

import java.util.Set;
import java.util.TreeSet;
import org.diplomaticledger.shared.LedgerEvent;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/** The names of the ledger's event types ({@code DiplomatExpelled}, …), found by scanning for {@link LedgerEvent}s. */
public record EventTypes(Set<String> names) {

    static EventTypes scan() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent()
                        && !definition.getMetadata().isInterface();
            }
        };
        scanner.addIncludeFilter(new AssignableTypeFilter(LedgerEvent.class));
        Set<String> names = new TreeSet<>();
        for (var candidate : scanner.findCandidateComponents("org.diplomaticledger")) {
            String className = candidate.getBeanClassName();
            names.add(className.substring(className.lastIndexOf('.') + 1));
        }
        return new EventTypes(Set.copyOf(names));
    }
}
