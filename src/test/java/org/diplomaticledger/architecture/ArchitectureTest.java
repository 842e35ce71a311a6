package org.diplomaticledger.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Each capability keeps its internals to itself: its {@code domain} (aggregates and their state) and {@code web}
 * packages are used by nobody else; capabilities meet only through their {@code api} (commands, events) and
 * {@code shared}.
 */
@AnalyzeClasses(packages = "org.diplomaticledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainsArePrivateToTheirCapability = SlicesRuleDefinition.slices()
            .matching("org.diplomaticledger.(*)..")
            .should().notDependOnEachOther()
            .ignoreDependency(com.tngtech.archunit.base.DescribedPredicate.alwaysTrue(),
                    com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage(
                            "org.diplomaticledger.shared..", "org.diplomaticledger.ledger", "org.diplomaticledger.projection",
                            "org.diplomaticledger.history", "org.diplomaticledger.*.api.."))
            // The jar's command line is, like the application class, an entry point: it runs the offline tools of
            // audit (verify-export, verify-digest), security (hash-password) and bench; nothing depends on it.
            .ignoreDependency(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("org.diplomaticledger.cli.."),
                    com.tngtech.archunit.base.DescribedPredicate.alwaysTrue())
            // The web dashboard is an entry point too (docs/dashboard.md): its pages read every capability's query
            // services, as the API's controllers do, and nothing depends on it.
            .ignoreDependency(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("org.diplomaticledger.dashboard.."),
                    com.tngtech.archunit.base.DescribedPredicate.alwaysTrue())
            .as("capabilities depend on each other only through their api packages, shared, the ledger's write path "
                    + "and the projections' read support (which reads an aggregate's history with its corrections applied)");

    @ArchTest
    static final ArchRule presenceDomainIsPrivate = noClasses()
            .that().resideOutsideOfPackages("org.diplomaticledger.presence..")
            .should().dependOnClassesThat().resideInAPackage("org.diplomaticledger.presence.domain..");

    @ArchTest
    static final ArchRule talksDomainIsPrivate = noClasses()
            .that().resideOutsideOfPackages("org.diplomaticledger.talks..")
            .should().dependOnClassesThat().resideInAPackage("org.diplomaticledger.talks.domain..");

    @ArchTest
    static final ArchRule relationsDomainIsPrivate = noClasses()
            .that().resideOutsideOfPackages("org.diplomaticledger.relations..")
            .should().dependOnClassesThat().resideInAPackage("org.diplomaticledger.relations.domain..");

    @ArchTest
    static final ArchRule apisDependOnlyOnSharedAndLibraries = classes()
            .that().resideInAPackage("org.diplomaticledger.*.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "org.diplomaticledger.shared..", "org.diplomaticledger.*.api..", "java..", "jakarta.validation..",
                    "com.fasterxml.jackson.annotation..", "org.axonframework.modelling.command..",
                    // @Revision: an event's stored shape has a revision (docs/contract.md)
                    "org.axonframework.serialization")
            .as("commands and events are plain records over shared value types");

    @ArchTest
    static final ArchRule apisDoNotDependOnOtherCapabilitiesApis = noClasses()
            .that().resideInAPackage("org.diplomaticledger.talks.api..")
            .should().dependOnClassesThat().resideInAnyPackage("org.diplomaticledger.presence..", "org.diplomaticledger.relations..");

    @ArchTest
    static final ArchRule sharedDependsOnNoCapability = noClasses()
            .that().resideInAPackage("org.diplomaticledger.shared..")
            .should().dependOnClassesThat().resideInAnyPackage("org.diplomaticledger.presence..", "org.diplomaticledger.talks..",
                    "org.diplomaticledger.relations..", "org.diplomaticledger.ledger..", "org.diplomaticledger.security..",
                    "org.diplomaticledger.demo..");

    @ArchTest
    static final ArchRule theReadSupportKnowsNoCapability = noClasses()
            .that().resideInAPackage("org.diplomaticledger.projection..")
            .should().dependOnClassesThat().resideInAnyPackage("org.diplomaticledger.presence..", "org.diplomaticledger.talks..",
                    "org.diplomaticledger.relations..")
            .as("projections register themselves; the read support names no capability");

    @ArchTest
    static final ArchRule theWritePathKnowsNoCapability = noClasses()
            .that().resideInAPackage("org.diplomaticledger.ledger..")
            .should().dependOnClassesThat().resideInAnyPackage("org.diplomaticledger.presence..", "org.diplomaticledger.talks..",
                    "org.diplomaticledger.relations..")
            .as("the write path finds commands by scanning; it names no capability");

    @ArchTest
    static final ArchRule webAdaptersAreUsedByNobody = noClasses()
            .that().resideOutsideOfPackages("org.diplomaticledger..web..")
            .should().dependOnClassesThat().resideInAPackage("org.diplomaticledger..web..");

    @ArchTest
    static final ArchRule theCommandLineIsUsedOnlyByTheApplicationClass = noClasses()
            .that().resideOutsideOfPackages("org.diplomaticledger", "org.diplomaticledger.cli..")
            .should().dependOnClassesThat().resideInAPackage("org.diplomaticledger.cli..")
            .as("the command line is an entry point, which only the application's main calls");
}
