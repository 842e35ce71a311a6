package org.diplomaticledger.shared;

import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

/**
 * The checks every value read from a client passes, whatever command or field holds it: each date within
 * {@link LedgerTime}'s span, each text free of what {@link InputText} refuses. It walks records, lists and maps, so a
 * new command or field is checked without being listed anywhere; the first bad value is reported with its path
 * ({@code venue.city}, {@code members[2].name}, {@code corrections.reason}).
 */
public final class InputChecks {

    private InputChecks() {}

    /** Throws {@link InvalidValueException} naming the first value under {@code path} the ledger does not accept. */
    public static void check(String path, Object value, Clock clock) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof Enum<?>) {
            return;
        }
        if (value instanceof CharSequence text) {
            String problem = InputText.problem(text.toString());
            if (problem != null) {
                throw new InvalidValueException(path, problem);
            }
        } else if (value instanceof LocalDate date) {
            LedgerTime.check(path, date, clock);
        } else if (value instanceof Collection<?> collection) {
            int index = 0;
            for (Object element : collection) {
                check(path + "[" + index++ + "]", element, clock);
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                String problem = InputText.problem(key);
                if (problem != null) {
                    throw new InvalidValueException(join(path, key), "the field name " + problem);
                }
                check(join(path, key), entry.getValue(), clock);
            }
        } else if (value.getClass().isRecord()) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                Object part;
                try {
                    java.lang.reflect.Method accessor = component.getAccessor();
                    accessor.trySetAccessible();
                    part = accessor.invoke(value);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                check(join(path, component.getName()), part, clock);
            }
        }
    }

    private static String join(String path, String name) {
        return path == null || path.isEmpty() ? name : path + "." + name;
    }
}
