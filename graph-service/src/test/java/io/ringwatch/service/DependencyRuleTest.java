package io.ringwatch.service;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module dependency direction of ARCHITECTURE.md, checked on the compiled classes. */
class DependencyRuleTest {
  private static final JavaClasses RINGWATCH =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.ringwatch");

  @Test
  void shouldKeepTheCoreFreeOfAdaptersAndFrameworks() {
    noClasses()
        .that()
        .resideInAPackage("io.ringwatch.detectors..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.quarkus..",
            "jakarta..",
            "io.smallrye..",
            "org.eclipse.microprofile..",
            "org.apache.kafka..",
            "org.janusgraph..",
            "org.apache.tinkerpop..",
            "com.fasterxml..",
            "io.ringwatch.ingest..",
            "io.ringwatch.gremlin..",
            "io.ringwatch.service..")
        .check(RINGWATCH);
  }

  @Test
  void shouldKeepTheAdaptersIndependentOfEachOtherAndOfTheService() {
    noClasses()
        .that()
        .resideInAPackage("io.ringwatch.ingest..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.ringwatch.gremlin..", "io.ringwatch.service..", "org.janusgraph..")
        .check(RINGWATCH);
    noClasses()
        .that()
        .resideInAPackage("io.ringwatch.gremlin..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.ringwatch.ingest..", "io.ringwatch.service..", "org.apache.kafka..")
        .check(RINGWATCH);
  }

  @Test
  void shouldKeepQuarkusAndCdiInTheService() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.ringwatch.service..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.quarkus..",
            "jakarta.enterprise..",
            "jakarta.inject..",
            "jakarta.ws.rs..",
            "io.smallrye..",
            "org.eclipse.microprofile..")
        .check(RINGWATCH);
  }
}
