package org.diplomaticledger.ledger.web;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * Tomcat answers a few requests itself, before any servlet sees them (a path holding a NUL byte, an unparseable
 * request line), with an HTML page naming Tomcat. This valve, in the place of Tomcat's own error report valve, makes
 * those answers problem+json too, with no server name or stack trace. Errors inside the application never reach it:
 * {@link ErrorProblems} answers them.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String kind = status == 400
                ? "malformed-request"
                : status >= 500
                        ? "internal-error"
                        : title.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        String detail = status == 400
                ? "the request could not be read (its path, headers or body are malformed)"
                : status >= 500 ? "The ledger could not complete the request; nothing was written." : title;
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"urn:diplomatic-ledger:problem:" + kind + "\",\"title\":\"" + title
                        + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone: nothing to answer
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Installer {
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
            return factory -> factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
            });
        }
    }
}
