package org.diplomaticledger.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The module rules of docs/architecture.md, checked on the main classes at every {@code mvn verify}. Each capability
 * keeps its internals to itself: its {@code domain} (aggregates and their state) and {@code web} packages are used by
 * nobody else; capabilities meet only through their {@code api} (commands, events) and {@code shared}; and no
 * dependencies go round in a circle, between modules or between packages.
 */
@AnalyzeClasses(packages = "org.diplomaticledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "org.diplomaticledger.";

    /**
     * The modules: each top-level package under {@code org.diplomaticledger} is one, except that a capability's
     * {@code api} package (its commands and events, the language it publishes) is a module of its own, which the
     * rest of the capability uses like any other module does. The application class in {@code org.diplomaticledger}
     * itself is in no module.
     */
    static final SliceAssignment MODULES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (!name.startsWith(ROOT)) {
                return SliceIdentifier.ignore();
            }
            String[] parts = name.substring(ROOT.length()).split("\\.");
            return SliceIdentifier.of(parts.length > 1 && parts[1].equals("api") ? parts[0] + ".api" : parts[0]);
        }

        @Override
        public String getDescription() {
            return "modules (each top-level package, each capability's api package apart)";
        }
    };

    @ArchTest
    static final ArchRule modulesAreFreeOfCycles = slices().assignedFrom(MODULES)
            .should()
            .beFreeOfCycles()
            .as("no dependencies go round in a circle between modules (top-level packages, and each api apart)");

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("org.diplomaticledger.(**)")
            .should()
            .beFreeOfCycles()
            .as("no dependencies go round in a circle between packages");

    @ArchTest
    static final ArchRule capabilitiesMeetThroughTheirApis = slices().matching("org.diplomaticledger.(*)..")
            .should()
            .notDependOnEachOther()
            // What every capability may use: the shared value types, the ledger's write path (not its web
            // adapters), the projections' read support, and every capability's api.
            .ignoreDependency(
                    DescribedPredicate.alwaysTrue(),
                    resideInAnyPackage(
                            "org.diplomaticledger.shared..",
                            "org.diplomaticledger.ledger",
                            "org.diplomaticledger.projection",
                            "org.diplomaticledger.*.api.."))
            // A @ConfigurationProperties record is the typed form of ledger.* keys in the one Environment every
            // module shares, not behaviour: reading another capability's (the audit chain's Kafka digests go to the
            // relay's topic, with the stream's CloudEvents source) is reading configuration. Cycles still count.
            .ignoreDependency(DescribedPredicate.alwaysTrue(), annotatedWith(ConfigurationProperties.class))
            // The jar's command line is, like the application class, an entry point: it runs the offline tools of
            // audit (verify-export, verify-digest), security (hash-password) and bench; nothing depends on it.
            .ignoreDependency(resideInAPackage("org.diplomaticledger.cli.."), DescribedPredicate.alwaysTrue())
            // The web dashboard is an entry point too (docs/dashboard.md): its pages read every capability's query
            // services, as the API's controllers do, and nothing depends on it.
            .ignoreDependency(resideInAPackage("org.diplomaticledger.dashboard.."), DescribedPredicate.alwaysTrue())
            .as("capabilities depend on each other only through their api packages, shared, the ledger's write path, "
                    + "the projections' read support and each other's configuration properties");

    @ArchTest
    static final ArchRule presenceDomainIsPrivate = noClasses()
            .that()
            .resideOutsideOfPackages("org.diplomaticledger.presence..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.diplomaticledger.presence.domain..");

    @ArchTest
    static final ArchRule talksDomainIsPrivate = noClasses()
            .that()
            .resideOutsideOfPackages("org.diplomaticledger.talks..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.diplomaticledger.talks.domain..");

    @ArchTest
    static final ArchRule relationsDomainIsPrivate = noClasses()
            .that()
            .resideOutsideOfPackages("org.diplomaticledger.relations..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.diplomaticledger.relations.domain..");

    @ArchTest
    static final ArchRule aggregatesDoNoInputOrOutput = noClasses()
            .that()
            .resideInAPackage("org.diplomaticledger.*.domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.axonframework.eventsourcing.eventstore..",
                    "org.springframework.jdbc..",
                    "java.sql..",
                    "javax.sql..",
                    "java.net..",
                    "java.io..",
                    "java.nio.file..")
            .as("aggregates read no event store, database, network or file: what they judge is in their state and "
                    + "the command, or (a presence's staff facts from before its snapshot) read back through the "
                    + "PresenceEvents port");

    private static final String[] API_DEPENDENCIES = {
        "org.diplomaticledger.shared..",
        "org.diplomaticledger.*.api..",
        "java..",
        "jakarta.validation..",
        "com.fasterxml.jackson.annotation..",
        "org.axonframework.modelling.command..",
        // @Revision: an event's stored shape has a revision (docs/contract.md)
        "org.axonframework.serialization"
    };

    @ArchTest
    static final ArchRule apisDependOnlyOnSharedAndLibraries = classes()
            .that()
            .resideInAPackage("org.diplomaticledger.*.api..")
            .and()
            .resideOutsideOfPackage("org.diplomaticledger.history.api..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(API_DEPENDENCIES)
            .as("commands and events are plain records over shared value types");

    @ArchTest
    static final ArchRule historyApiAlsoReadsEventMessages = classes()
            .that()
            .resideInAPackage("org.diplomaticledger.history.api..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(concat(
                    API_DEPENDENCIES,
                    "org.axonframework.eventhandling..",
                    "org.axonframework.messaging..",
                    "com.fasterxml.jackson.databind.."))
            .as("history's api is plain records too, plus CorrectedHistory, which reads a list of Axon event messages "
                    + "with their corrections applied (Jackson's tree model), for history and the projections alike");

    @ArchTest
    static final ArchRule apisDoNotDependOnOtherCapabilitiesApis = noClasses()
            .that()
            .resideInAPackage("org.diplomaticledger.talks.api..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.diplomaticledger.presence..", "org.diplomaticledger.relations..");

    @ArchTest
    static final ArchRule sharedDependsOnNoCapability = noClasses()
            .that()
            .resideInAPackage("org.diplomaticledger.shared..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.diplomaticledger.presence..",
                    "org.diplomaticledger.talks..",
                    "org.diplomaticledger.relations..",
                    "org.diplomaticledger.history..",
                    "org.diplomaticledger.ledger..",
                    "org.diplomaticledger.projection..",
                    "org.diplomaticledger.stream..",
                    "org.diplomaticledger.audit..",
                    "org.diplomaticledger.security..",
                    "org.diplomaticledger.demo..",
                    "org.diplomaticledger.dashboard..",
                    "org.diplomaticledger.cli..",
                    "org.diplomaticledger.bench..");

    @ArchTest
    static final ArchRule historyNamesNoCapability = noClasses()
            .that()
            .resideInAPackage("org.diplomaticledger.history..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.diplomaticledger.presence..",
                    "org.diplomaticledger.talks..",
                    "org.diplomaticledger.relations..")
            .as(
                    "corrections reach each aggregate type by the RevisionRoute its capability registers; history names none");

    @ArchTest
    static final ArchRule theReadSupportKnowsNoCapability = noClasses()
            .that()
            .resideInAPackage("org.diplomaticledger.projection..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.diplomaticledger.presence..",
                    "org.diplomaticledger.talks..",
                    "org.diplomaticledger.relations..")
            .as("projections register themselves; the read support names no capability");

    @ArchTest
    static final ArchRule theWritePathKnowsNoCapability = noClasses()
            .that()
            .resideInAPackage("org.diplomaticledger.ledger..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.diplomaticledger.presence..",
                    "org.diplomaticledger.talks..",
                    "org.diplomaticledger.relations..")
            .as("the write path finds commands by scanning; it names no capability");

    @ArchTest
    static final ArchRule webAdaptersAreUsedByNobody = noClasses()
            .that()
            .resideOutsideOfPackages("org.diplomaticledger..web..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.diplomaticledger..web..");

    @ArchTest
    static final ArchRule theCommandLineIsUsedOnlyByTheApplicationClass = noClasses()
            .that()
            .resideOutsideOfPackages("org.diplomaticledger", "org.diplomaticledger.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.diplomaticledger.cli..")
            .as("the command line is an entry point, which only the application's main calls");

    /*
     * The application class sits in the root package, which belongs to no module, so the cycle rules cannot see a
     * circle through it (root -> cli -> bench -> root): this rule closes that gap. The class is handed to what
     * needs it (the command line, the benchmark) instead of being named there.
     */
    @ArchTest
    static final ArchRule theApplicationClassIsUsedByNobody = noClasses()
            .that()
            .resideOutsideOfPackage("org.diplomaticledger")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.diplomaticledger")
            .as("no module depends on the application class (the root package): it is handed over where needed");

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
