package io.ringwatch.detectors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The core knows nothing of its adapters: no Kafka, JanusGraph, TinkerPop, Quarkus or Jakarta. The
 * one library besides JGraphT is Commons JEXL, the rule language (docs/adr/0004), and only the
 * rules package may use it; XGBoost4J, the trained model's library (docs/adr/0009), only in the
 * model package.
 */
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
        .and()
        .resideOutsideOfPackage("io.ringwatch.detectors.rules..")
        .and()
        .resideOutsideOfPackage("io.ringwatch.detectors.model..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.jgrapht..", "org.jheaps..", "io.ringwatch.detectors..")
        .check(detectors);
  }

  @Test
  void shouldConfineGradientBoostingToTheModelPackage() {
    classes()
        .that()
        .resideInAPackage("io.ringwatch.detectors.model..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "ml.dmlc.xgboost4j.java..", "io.ringwatch.detectors..")
        .check(detectors);
  }

  @Test
  void shouldConfineTheRuleLanguageToTheRulesPackage() {
    classes()
        .that()
        .resideInAPackage("io.ringwatch.detectors.rules..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("java..", "org.apache.commons.jexl3..", "io.ringwatch.detectors..")
        .check(detectors);
  }
}
