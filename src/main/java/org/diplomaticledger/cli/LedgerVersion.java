package org.diplomaticledger.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/**
 * {@code --version}: the version the packaged jar's manifest names ({@code Implementation-Version}, which Boot's
 * parent writes), else the build's {@code META-INF/build-info.properties} when the build writes one.
 */
final class LedgerVersion implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "diplomatic-ledger " + version(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }

    static String version() {
        String version = LedgerVersion.class.getPackage().getImplementationVersion();
        if (version != null) {
            return version;
        }
        try (InputStream buildInfo = LedgerVersion.class.getResourceAsStream("/META-INF/build-info.properties")) {
            if (buildInfo != null) {
                Properties properties = new Properties();
                properties.load(buildInfo);
                String built = properties.getProperty("build.version");
                if (built != null) {
                    return built;
                }
            }
        } catch (IOException e) {
            // no build information: say so below
        }
        return "(unknown: not run from the packaged jar)";
    }
}
