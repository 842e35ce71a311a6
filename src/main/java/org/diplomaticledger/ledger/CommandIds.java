package org.diplomaticledger.ledger;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diplomaticledger.shared.LedgerCommand;

/** The identifiers a command carries, for its receipt ({@link CommandReceipt#ids}). */
final class CommandIds {

    private CommandIds() {}

    /** Each command type's identifier accessors, found once by reflection (see {@link #of}). */
    private static final ClassValue<List<Method>> ID_ACCESSORS = new ClassValue<>() {
        @Override
        protected List<Method> computeValue(Class<?> type) {
            List<Method> accessors = new ArrayList<>();
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    accessors.add(component.getAccessor());
                }
            }
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers())
                        && !accessors.contains(method)
                        && !Modifier.isStatic(method.getModifiers())) {
                    accessors.add(method);
                }
            }
            List<Method> ids = new ArrayList<>();
            for (Method accessor : accessors) {
                if (accessor.getName().endsWith("Id")
                        && accessor.getParameterCount() == 0
                        && accessor.getReturnType() == String.class) {
                    accessor.setAccessible(true);
                    ids.add(accessor);
                }
            }
            return List.copyOf(ids);
        }
    };

    /**
     * The identifiers a command names or created: its components called {@code …Id} (missionId, personId) and
     * the identifiers it derives from its fields (an OpenMission's missionId), in that order.
     */
    static Map<String, Object> of(LedgerCommand command) {
        Map<String, Object> ids = new LinkedHashMap<>();
        for (Method accessor : ID_ACCESSORS.get(command.getClass())) {
            try {
                Object value = accessor.invoke(command);
                if (value != null) {
                    ids.putIfAbsent(accessor.getName(), value);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return ids;
    }
}
