package org.diplomaticledger.projection;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.core.ResolvableType;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractGenericHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Writes list answers (and {@link CsvTable}s) as CSV (RFC 4180) for {@code Accept: text/csv}: a header row, then one row per item. Items
 * are records; a nested record becomes columns {@code venue.city}, {@code venue.country}; a list becomes one cell
 * with its entries separated by "; ".
 *
 * <p>A text cell that a spreadsheet would take for a formula (one starting with {@code = + - @}, a tab or a carriage
 * return) is written with a single quote in front, as OWASP advises against CSV injection: a source of
 * {@code =HYPERLINK(…)} then shows as text and never runs. Numbers are written as they are ({@code -60} stays a number).
 */
public class CsvMessageConverter extends AbstractGenericHttpMessageConverter<Object> {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    public CsvMessageConverter() {
        super(TEXT_CSV);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return Page.class.isAssignableFrom(type)
                || List.class.isAssignableFrom(type)
                || CsvTable.class.isAssignableFrom(type);
    }

    @Override
    protected boolean canRead(MediaType mediaType) {
        return false;
    }

    @Override
    protected Object readInternal(Class<?> type, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("CSV is only written", input);
    }

    @Override
    public Object read(java.lang.reflect.Type type, Class<?> contextClass, HttpInputMessage input) {
        throw new HttpMessageNotReadableException("CSV is only written", input);
    }

    /** The record type of the items, from the declared type ({@code Page<TalksView>}), so that an empty list still has its header. */
    private static Class<?> itemType(java.lang.reflect.Type declared, List<?> items) {
        if (!items.isEmpty()) {
            return items.get(0).getClass();
        }
        if (declared != null) {
            ResolvableType resolvable = ResolvableType.forType(declared);
            ResolvableType container = Page.class.isAssignableFrom(resolvable.toClass())
                    ? resolvable.as(Page.class)
                    : resolvable.as(List.class);
            Class<?> item = container.getGeneric(0).resolve();
            if (item != null && item.isRecord()) {
                return item;
            }
        }
        return null;
    }

    @Override
    protected void writeInternal(Object body, java.lang.reflect.Type declared, HttpOutputMessage output)
            throws IOException {
        List<?> items = body instanceof Page<?> page
                ? page.items()
                : body instanceof CsvTable table ? table.csvRows() : (List<?>) body;
        Writer out = new OutputStreamWriter(output.getBody(), StandardCharsets.UTF_8);
        Class<?> type = body instanceof CsvTable table ? table.csvRowType() : itemType(declared, items);
        if (type != null) {
            List<String> header = new ArrayList<>();
            columns(type, "", header);
            line(out, header);
            for (Object item : items) {
                List<String> cells = new ArrayList<>();
                values(item, type, cells);
                line(out, cells);
            }
        }
        out.flush();
    }

    private static void columns(Class<?> type, String prefix, List<String> header) {
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.isAnnotationPresent(CsvOmitted.class)) {
                continue;
            }
            if (component.getType().isRecord()) {
                columns(component.getType(), prefix + component.getName() + ".", header);
            } else {
                header.add(prefix + component.getName());
            }
        }
    }

    private static void values(Object item, Class<?> type, List<String> cells) {
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.isAnnotationPresent(CsvOmitted.class)) {
                continue;
            }
            Object value;
            try {
                java.lang.reflect.Method accessor = component.getAccessor();
                // A record the application keeps to itself (not public) is written too.
                accessor.trySetAccessible();
                value = item == null ? null : accessor.invoke(item);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (component.getType().isRecord()) {
                values(value, component.getType(), cells);
            } else if (value instanceof Collection<?> collection) {
                List<String> entries = new ArrayList<>();
                for (Object entry : collection) {
                    entries.add(String.valueOf(entry));
                }
                cells.add(neutralised(String.join("; ", entries)));
            } else if (value instanceof Number) {
                cells.add(value.toString());
            } else {
                cells.add(value == null ? "" : neutralised(value.toString()));
            }
        }
    }

    /** The text with a single quote in front when a spreadsheet would read it as a formula (OWASP: CSV injection). */
    static String neutralised(String cell) {
        if (!cell.isEmpty()) {
            char first = cell.charAt(0);
            if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
                return "'" + cell;
            }
        }
        return cell;
    }

    private static void line(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String cell = cells.get(i);
            if (cell.indexOf(',') >= 0
                    || cell.indexOf('"') >= 0
                    || cell.indexOf('\n') >= 0
                    || cell.indexOf('\r') >= 0) {
                out.write('"');
                out.write(cell.replace("\"", "\"\""));
                out.write('"');
            } else {
                out.write(cell);
            }
        }
        out.write("\r\n");
    }
}
