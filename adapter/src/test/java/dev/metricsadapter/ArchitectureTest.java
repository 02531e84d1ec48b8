package dev.metricsadapter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules of DESIGN.md, enforced on the compiled main classes. */
class ArchitectureTest {

  private static final String[] PURE = {
    "dev.metricsadapter.config..",
    "dev.metricsadapter.naming..",
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
            "dev.metricsadapter.rulefiles..",
            "dev.metricsadapter.cli..",
            "dev.metricsadapter.api..",
            "dev.metricsadapter.provider..",
            "dev.metricsadapter.prometheus..",
            "dev.metricsadapter.kube..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.io.File")
        .because("config, naming, query and quantity are pure, table-testable code")
        .check(classes);
  }

  @Test
  void queryDependsOnNoOtherAdapterPackage() {
    noClasses()
        .that()
        .resideInAPackage("dev.metricsadapter.query..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.metricsadapter.config..", "dev.metricsadapter.naming..")
        .check(classes);
  }

  @Test
  void configDependsOnNoOtherAdapterPackage() {
    noClasses()
        .that()
        .resideInAPackage("dev.metricsadapter.config..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.metricsadapter.query..", "dev.metricsadapter.naming..")
        .check(classes);
  }

  @Test
  void onlyTheCommandLineLayerSeesTheCommandLine() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.metricsadapter.cli..", "dev.metricsadapter")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.metricsadapter.cli..", "picocli..")
        .check(classes);
  }

  @Test
  void onlyTheCommandLineAndTheExplainRouteSeeDiagnostics() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "dev.metricsadapter.diagnostics..",
            "dev.metricsadapter.cli..",
            "dev.metricsadapter.api..",
            "dev.metricsadapter")
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
