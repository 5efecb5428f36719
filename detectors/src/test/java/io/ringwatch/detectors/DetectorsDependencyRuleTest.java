package io.ringwatch.detectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core knows nothing of its adapters: no Kafka, JanusGraph, TinkerPop, Quarkus or Jakarta. */
class DetectorsDependencyRuleTest {

  private final JavaClasses detectors =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.ringwatch.detectors");

  @Test
  void shouldDependOnlyOnTheJdkJGraphTAndItself() {
    classes()
        .that()
        .resideInAPackage("io.ringwatch.detectors..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.jgrapht..", "org.jheaps..", "io.ringwatch.detectors..")
        .check(detectors);
  }
}
