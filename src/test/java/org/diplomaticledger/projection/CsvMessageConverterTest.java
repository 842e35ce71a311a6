package org.diplomaticledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpOutputMessage;

/** Issue 14, item 5: CSV cells a spreadsheet would run as formulas are written as text (OWASP), numbers stay numbers. */
class CsvMessageConverterTest {

    record Row(String reason, String source, int balance, List<String> names) {}

    private record Hidden(String name) {}

    private static String csv(List<?> rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CsvMessageConverter().write(rows, null, CsvMessageConverter.TEXT_CSV, new HttpOutputMessage() {
            private final HttpHeaders headers = new HttpHeaders();

            @Override
            public OutputStream getBody() {
                return out;
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        });
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void formulaCellsAreNeutralised() throws Exception {
        String csv = csv(List.of(
                new Row("=HYPERLINK(\"http://evil\",\"x\")", "@SUM(1+1)", -60, List.of("+cmd", "ok")),
                new Row("-2+3", "\tTab", 5, List.of()),
                new Row("\rCR", "plain", 0, List.of("a"))));
        assertThat(csv.split("\r\n"))
                .containsExactly(
                        "reason,source,balance,names",
                        "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",'@SUM(1+1),-60,'+cmd; ok",
                        "'-2+3,'\tTab,5,",
                        "\"'\rCR\",plain,0,a");
    }

    @Test
    void recordsThatAreNotPublicAreWrittenToo() throws Exception {
        assertThat(csv(List.of(new Hidden("x")))).isEqualTo("name\r\nx\r\n");
    }
}
