package org.diplomaticledger.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the docs' shell commands without a shell: {@code curl} (parsed here, sent with Java's HTTP client to the
 * test's ledger in place of {@code localhost:8080}), {@code printf '%s\n' …}, {@code jq} ({@link MiniJq}),
 * {@code date -u +…}, {@code sleep}, variables, {@code $(…)}, pipes and {@code > file} (the file is not written).
 */
final class DocShell {

    /** One HTTP exchange: the request as the doc wrote it, and the answer. */
    record Exchange(String method, String path, int status, HttpHeaders headers, String body, boolean stream) {
        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }
    }

    /** What a step printed, the exchanges it made (the last one is the one its documented answer is about). */
    record Result(String output, List<Exchange> exchanges, boolean piped) {
        Exchange last() {
            return exchanges.isEmpty() ? null : exchanges.get(exchanges.size() - 1);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;
    private final Path dir;
    private final Map<String, String> vars = new LinkedHashMap<>();
    private List<Exchange> exchanges;

    DocShell(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    void set(String name, String value) {
        vars.put(name, value);
    }

    Map<String, String> vars() {
        return vars;
    }

    Result run(String command) {
        exchanges = new ArrayList<>();
        List<ShellWords.Token> tokens = ShellWords.tokens(command, this::var, this::substitute);
        List<Exchange> mine = exchanges;
        StringBuilder output = new StringBuilder();
        boolean piped = false;
        List<ShellWords.Token> simple = new ArrayList<>();
        for (ShellWords.Token token : tokens) {
            if (token.is(";")) {
                piped |= runPipeline(simple, output);
                simple.clear();
            } else {
                simple.add(token);
            }
        }
        piped |= runPipeline(simple, output);
        return new Result(output.toString(), mine, piped);
    }

    private String var(String name) {
        String value = vars.get(name);
        if (value == null) {
            throw new IllegalArgumentException("$" + name + " is not set");
        }
        return value;
    }

    private String substitute(String inner) {
        StringBuilder out = new StringBuilder();
        List<Exchange> outer = exchanges;
        runPipeline(ShellWords.tokens(inner, this::var, this::substitute), out);
        exchanges = outer;
        return out.toString();
    }

    /** Runs {@code a | b | c [> file]}, or {@code NAME=value}; true when its output went through a filter. */
    private boolean runPipeline(List<ShellWords.Token> tokens, StringBuilder output) {
        if (tokens.isEmpty()) {
            return false;
        }
        if (tokens.size() == 1 && tokens.get(0).text().matches("[A-Z_][A-Z0-9_]*=.*")) {
            String word = tokens.get(0).text();
            vars.put(word.substring(0, word.indexOf('=')), word.substring(word.indexOf('=') + 1));
            return false;
        }
        List<List<String>> stages = new ArrayList<>();
        List<String> stage = new ArrayList<>();
        boolean redirected = false;
        for (ShellWords.Token token : tokens) {
            if (token.is("|")) {
                stages.add(stage);
                stage = new ArrayList<>();
            } else if (token.is(">")) {
                redirected = true;
            } else if (!redirected) {
                stage.add(token.text());
            }
        }
        stages.add(stage);
        String data = null;
        boolean filtered = false;
        for (List<String> words : stages) {
            data = switch (words.get(0)) {
                case "curl" -> curl(words.subList(1, words.size()), data);
                case "printf" -> printf(words.subList(1, words.size()));
                case "jq" -> {
                    filtered = true;
                    yield jq(words.subList(1, words.size()), data);
                }
                case "date" -> date(words.subList(1, words.size()));
                case "sleep" -> {
                    sleep(words.get(1));
                    yield "";
                }
                default -> throw new IllegalArgumentException("the doc test does not run " + words.get(0));
            };
        }
        if (!redirected) {
            output.append(data);
        }
        return filtered;
    }

    private static void sleep(String seconds) {
        try {
            Thread.sleep((long) (Double.parseDouble(seconds) * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String printf(List<String> args) {
        if (args.isEmpty() || !args.get(0).equals("%s\\n")) {
            throw new IllegalArgumentException("the doc test runs printf '%s\\n' … only, not " + args);
        }
        StringBuilder out = new StringBuilder();
        args.subList(1, args.size()).forEach(a -> out.append(a).append('\n'));
        return out.toString();
    }

    private static String date(List<String> args) {
        if (args.size() != 2 || !args.get(0).equals("-u") || !args.get(1).startsWith("+")) {
            throw new IllegalArgumentException("the doc test runs date -u +FORMAT only, not " + args);
        }
        String pattern = args.get(1)
                .substring(1)
                .replace("%Y", "yyyy")
                .replace("%m", "MM")
                .replace("%d", "dd")
                .replace("%H", "HH")
                .replace("%M", "mm")
                .replace("%S", "ss")
                .replace("T", "'T'")
                .replace("Z", "'Z'");
        return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(pattern)) + "\n";
    }

    private static String jq(List<String> args, String input) {
        boolean raw = false;
        String filter = null;
        for (String arg : args) {
            if (arg.equals("-r")) {
                raw = true;
            } else if (filter == null) {
                filter = arg;
            } else {
                throw new IllegalArgumentException("the doc test runs jq [-r] FILTER only, not " + args);
            }
        }
        JsonNode in;
        try {
            in = JSON.readTree(input);
        } catch (IOException e) {
            throw new IllegalArgumentException("jq: the input is not JSON: " + input, e);
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode node : MiniJq.apply(filter, in)) {
            out.append(raw && node.isTextual() ? node.asText() : node.toString())
                    .append('\n');
        }
        return out.toString();
    }

    /** Parses curl's options as the docs use them and sends the request; unknown options fail. */
    private String curl(List<String> args, String stdin) {
        String method = null;
        String url = null;
        List<String> headers = new ArrayList<>();
        List<String> data = new ArrayList<>();
        String user = null;
        boolean include = false;
        boolean stream = false;
        for (int k = 0; k < args.size(); k++) {
            String arg = args.get(k);
            switch (arg) {
                case "-s", "--silent", "-S", "--show-error" -> {}
                case "-i", "--include" -> include = true;
                case "-N", "--no-buffer" -> stream = true;
                case "-X", "--request" -> method = args.get(++k);
                case "-u", "--user" -> user = args.get(++k);
                case "-H", "--header" -> headers.add(args.get(++k));
                case "-o", "--output" -> k++;
                case "-d", "--data", "--data-raw", "--data-binary" -> {
                    String value = args.get(++k);
                    if (value.startsWith("@") && !arg.equals("--data-raw")) {
                        value = value.equals("@-") ? stdin : read(dir.resolve(value.substring(1)));
                        if (!arg.equals("--data-binary")) {
                            value = value.replace("\r", "").replace("\n", "");
                        }
                    }
                    data.add(value);
                }
                default -> {
                    if (arg.startsWith("-") || url != null) {
                        throw new IllegalArgumentException("the doc test does not know curl's " + arg);
                    }
                    url = arg;
                }
            }
        }
        if (url == null) {
            throw new IllegalArgumentException("curl without a URL");
        }
        String target = url.replaceFirst("^(https?://)?localhost:8080", "http://localhost:" + port);
        if (!target.startsWith("http://localhost:" + port)) {
            throw new IllegalArgumentException("the doc test sends to localhost:8080 only, not " + url);
        }
        String body = data.isEmpty() ? null : String.join("&", data);
        if (method == null) {
            method = body == null ? "GET" : "POST";
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        boolean contentType = false;
        for (String header : headers) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).strip();
            contentType |= name.equalsIgnoreCase("Content-Type");
            request.header(name, header.substring(colon + 1).strip());
        }
        if (body != null && !contentType) {
            request.header("Content-Type", "application/x-www-form-urlencoded"); // as curl does
        }
        if (user != null) {
            request.header(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
        }
        String path = URI.create(target).getRawPath();
        Exchange exchange = stream ? sendStream(request.build(), method, path) : send(request.build(), method, path);
        exchanges.add(exchange);
        if (!include) {
            return exchange.body();
        }
        StringBuilder out =
                new StringBuilder("HTTP/1.1 ").append(exchange.status()).append('\n');
        exchange.headers()
                .map()
                .forEach((name, values) -> values.forEach(
                        v -> out.append(name).append(": ").append(v).append('\n')));
        return out.append('\n').append(exchange.body()).toString();
    }

    private static Exchange send(HttpRequest request, String method, String path) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Exchange(method, path, response.statusCode(), response.headers(), response.body(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A stream ({@code curl -N}) is read for its status, headers and first event (or 2 s), then hung up. */
    private static Exchange sendStream(HttpRequest request, String method, String path) {
        try {
            HttpResponse<InputStream> response = HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                    .get(10, TimeUnit.SECONDS);
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            InputStream in = response.body();
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                byte[] buffer = new byte[4096];
                try {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        synchronized (read) {
                            read.write(buffer, 0, n);
                            if (read.toString(StandardCharsets.UTF_8).contains("\n\n")) {
                                return;
                            }
                        }
                    }
                } catch (IOException hungUp) {
                    // closed below
                }
            });
            try {
                reader.get(2, TimeUnit.SECONDS);
            } catch (Exception timeout) {
                // a quiet stream: what came so far is the answer
            }
            in.close();
            String body;
            synchronized (read) {
                body = read.toString(StandardCharsets.UTF_8);
            }
            return new Exchange(method, path, response.statusCode(), response.headers(), body, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the stream " + path + " did not answer within 10 s", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
