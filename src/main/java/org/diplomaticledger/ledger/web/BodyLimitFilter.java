package org.diplomaticledger.ledger.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.diplomaticledger.shared.Problems;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps every request body before anything parses it: {@code ledger.limits.import-body} (64 MB) for
 * {@code /api/v1/imports} ({@code ledger.imports.async-body}, 4 GB, with {@code Prefer: respond-async}: such bodies
 * go to a spool file, never to memory), {@code ledger.limits.command-body} (1 MB) for everything else. An import's
 * body without a declared length is counted by the controller as it spools it, not buffered here. A declared
 * {@code Content-Length} over the cap is answered 413 without reading a byte; a body without one (chunked) is read up to
 * the cap and answered 413 as soon as it passes it. Tomcat has no such limit for JSON bodies (its
 * {@code max-http-form-post-size} covers forms only), hence this filter. It runs after authentication, so that an
 * unknown client never makes the ledger read a body at all.
 */
@Configuration(proxyBeanMethods = false)
class BodyLimitFilter {

    static final String IMPORTS = "/api/v1/imports";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> bodyLimit(
            ObjectMapper objectMapper, org.diplomaticledger.ledger.LedgerProperties properties) {
        DataSize commandBody = properties.limits().commandBody();
        DataSize importBody = properties.limits().importBody();
        DataSize asyncImportBody = properties.imports().asyncBody();
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new Limit(objectMapper, commandBody.toBytes(), importBody.toBytes(), asyncImportBody.toBytes()));
        // Spring Security's chain runs at -100: this runs right after it.
        registration.setOrder(-99);
        registration.addUrlPatterns("/*");
        return registration;
    }

    private static final class Limit extends OncePerRequestFilter {
        private final ObjectMapper objectMapper;
        private final long commandBody;
        private final long importBody;
        private final long asyncImportBody;

        Limit(ObjectMapper objectMapper, long commandBody, long importBody, long asyncImportBody) {
            this.objectMapper = objectMapper;
            this.commandBody = commandBody;
            this.importBody = importBody;
            this.asyncImportBody = asyncImportBody;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            boolean imports = request.getRequestURI().startsWith(IMPORTS);
            boolean async = imports && ImportController.respondAsync(request.getHeader("Prefer"));
            long limit = !imports ? commandBody : async ? asyncImportBody : importBody;
            long declared = request.getContentLengthLong();
            if (declared > limit) {
                refuse(request, response, limit);
                return;
            }
            if (imports) {
                // Imports are streamed to a spool file by the controller, which counts the bytes against the same
                // limit as they arrive (a body without a length is never held here in memory).
                chain.doFilter(request, response);
                return;
            }
            if (declared >= 0 || !hasBody(request)) {
                // A declared length within the cap: the container never hands over more than it declares.
                chain.doFilter(request, response);
                return;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            InputStream in = request.getInputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                body.write(buffer, 0, read);
                if (body.size() > limit) {
                    refuse(request, response, limit);
                    return;
                }
            }
            chain.doFilter(new Buffered(request, body.toByteArray()), response);
        }

        private static boolean hasBody(HttpServletRequest request) {
            String encoding = request.getHeader("Transfer-Encoding");
            return encoding != null && !encoding.isBlank();
        }

        private void refuse(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
            ProblemDetail problem = Problems.of(
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    "body-too-large",
                    "Body too large",
                    "the body is larger than " + limit + " bytes, the most "
                            + (request.getRequestURI().startsWith(IMPORTS)
                                    ? (ImportController.respondAsync(request.getHeader("Prefer"))
                                            ? "an import answered 202 (ledger.imports.async-body)"
                                            : "an import answered at once (ledger.limits.import-body; send \"Prefer: respond-async\" for larger ones)")
                                    : "a command or request (ledger.limits.command-body)")
                            + " may send; split it into smaller requests",
                    request);
            problem.setProperty("limit", limit);
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            // The rest of the body is not read: close the connection rather than leave it for the next request.
            response.setHeader("Connection", "close");
            objectMapper.writeValue(response.getOutputStream(), problem);
        }
    }

    private static final class Buffered extends HttpServletRequestWrapper {
        private final byte[] body;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    // The body is in memory: all of it is available at once.
                    try {
                        if (in.available() > 0) {
                            listener.onDataAvailable();
                        }
                        listener.onAllDataRead();
                    } catch (IOException e) {
                        listener.onError(e);
                    }
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            java.nio.charset.Charset charset = java.nio.charset.StandardCharsets.UTF_8;
            try {
                if (getCharacterEncoding() != null) {
                    charset = java.nio.charset.Charset.forName(getCharacterEncoding());
                }
            } catch (IllegalArgumentException unknown) {
                // an unknown charset: read as UTF-8, which the ledger's JSON is
            }
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), charset));
        }
    }
}
