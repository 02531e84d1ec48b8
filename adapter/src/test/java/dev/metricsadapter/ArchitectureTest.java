package dev.metricsadapter;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.metricsadapter.kube.KubernetesConnections;
import dev.metricsadapter.prometheus.WebClientPrometheusClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of CONTRIBUTING.md, enforced on the compiled main classes. */
class ArchitectureTest {

  /** The rule engine and what it is made of: no I/O, no frameworks, table-testable. */
  private static final String[] PURE = {
    "dev.metricsadapter.rules",
    "dev.metricsadapter.resources..",
    "dev.metricsadapter.catalog..",
    "dev.metricsadapter.query..",
    "dev.metricsadapter.quantity.."
  };

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.metricsadapter");
  }

  @Test
  void pureCoreDoesNoIoAndKnowsNoFrameworks() {
    noClasses()
        .that()
        .resideInAnyPackage(PURE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.vertx..",
            "io.fabric8..",
            "java.net..",
            "java.nio.file..",
            "java.nio.channels..",
            "java.net.http..",
            "dev.metricsadapter.rules.files..",
            "dev.metricsadapter.app..",
            "dev.metricsadapter.cli..",
            "dev.metricsadapter.server..",
            "dev.metricsadapter.provider..",
            "dev.metricsadapter.resourcemetrics..",
            "dev.metricsadapter.diagnostics..",
            "dev.metricsadapter.prometheus..",
            "dev.metricsadapter.kube..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.File")
        .because("rules, resources, catalog, query and quantity are pure, table-testable code")
        .check(classes);
  }

  @Test
  void queryDependsOnNoOtherPartOfTheRuleEngine() {
    noClasses()
        .that()
        .resideInAPackage("dev.metricsadapter.query..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.metricsadapter.rules..",
            "dev.metricsadapter.resources..",
            "dev.metricsadapter.catalog..")
        .check(classes);
  }

  @Test
  void theRuleEngineIsBuiltBottomUp() {
    noClasses()
        .that()
        .resideInAPackage("dev.metricsadapter.resources..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.metricsadapter.rules..", "dev.metricsadapter.catalog..")
        .because("resources is the Kubernetes model the rules refer to")
        .check(classes);
    noClasses()
        .that()
        .resideInAPackage("dev.metricsadapter.rules..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.metricsadapter.catalog..")
        .because("the catalogs are what compiled rules make of series, not the other way round")
        .check(classes);
  }

  @Test
  void onlyTheCommandLineLayerSeesPicocli() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.metricsadapter.cli..", "dev.metricsadapter")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("picocli..")
        .check(classes);
  }

  @Test
  void onlyTheAssembliesSeeTheCommandLine() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "dev.metricsadapter.cli..", "dev.metricsadapter.app..", "dev.metricsadapter")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.metricsadapter.cli..")
        .because("cli hands validated option records to the assemblies in app")
        .check(classes);
  }

  @Test
  void onlyTheAssembliesCreateVertxAndClients() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.metricsadapter.app..")
        .and()
        .areNotAssignableTo(WebClientPrometheusClient.class)
        .and()
        .areNotAssignableTo(KubernetesConnections.class)
        .should()
        .callMethodWhere(
            target(name("vertx")).and(target(owner(assignableTo(io.vertx.core.Vertx.class)))))
        .orShould()
        .callConstructorWhere(target(owner(assignableTo(WebClientPrometheusClient.class))))
        .orShould()
        .callMethodWhere(
            target(nameMatching("connect|client"))
                .and(target(owner(assignableTo(KubernetesConnections.class)))))
        .because("app is the composition: what a command runs on is visible there only")
        .check(classes);
  }

  @Test
  void onlyTheCommandLineTheAssembliesAndTheExplainRouteSeeDiagnostics() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "dev.metricsadapter.diagnostics..",
            "dev.metricsadapter.cli..",
            "dev.metricsadapter.app..",
            "dev.metricsadapter.server..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.metricsadapter.diagnostics..")
        .because(
            "diagnostics explain discovery to check and to /debug/explain, nothing serves them")
        .check(classes);
  }

  @Test
  void diagnosticsDoNoIo() {
    noClasses()
        .that()
        .resideInAPackage("dev.metricsadapter.diagnostics..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.vertx.core.http..",
            "io.vertx.core.net..",
            "io.vertx.ext.web.client..",
            "io.fabric8..",
            "java.net.http..")
        .because("diagnostics work on what discovery already read; callers do the I/O")
        .check(classes);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("dev.metricsadapter.(*)..").should().beFreeOfCycles().check(classes);
  }
}
