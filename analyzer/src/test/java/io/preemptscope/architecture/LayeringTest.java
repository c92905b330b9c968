package io.preemptscope.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The design card's layering, as rules that fail the build: the reference model knows nothing but
 * the JDK, parsers know nothing of the model's use or of presentation, nothing above the Go trace
 * decoders names a wire format, and renderers only write.
 */
class LayeringTest {
    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.preemptscope");
    }

    @Test
    void referenceModelDependsOnlyOnTheJdkCore() {
        classes().that().resideInAPackage("io.preemptscope.model..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(
                        "io.preemptscope.model..", "java.lang..", "java.util..", "java.math..")
                .check(production);
    }

    @Test
    void parsersKnowNothingOfAnalysisOutputOrCommands() {
        noClasses().that().resideInAnyPackage("io.preemptscope.strace..", "io.preemptscope.gotrace..",
                        "io.preemptscope.schedtrace..", "io.preemptscope.input..")
                .should().dependOnClassesThat().resideInAnyPackage("io.preemptscope.analysis..",
                        "io.preemptscope.output..", "io.preemptscope.cli..", "io.preemptscope.model..",
                        "io.preemptscope.capture..")
                .check(production);
    }

    @Test
    void nothingAboveTheDecodersNamesAGoTraceWireFormat() {
        noClasses().that().resideInAnyPackage("io.preemptscope.analysis..", "io.preemptscope.cli..",
                        "io.preemptscope.output..", "io.preemptscope.capture..")
                .should().dependOnClassesThat().resideInAnyPackage("io.preemptscope.gotrace.v1..",
                        "io.preemptscope.gotrace.v2..")
                .check(production);
    }

    @Test
    void renderersOnlyWriteTheirStream() {
        noClasses().that().resideInAPackage("io.preemptscope.output..")
                .should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.nio.channels..",
                        "io.preemptscope.strace.input..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileInputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileOutputStream")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileReader")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.FileWriter")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.RandomAccessFile")
                .check(production);
    }

    @Test
    void analysisDoesNotRender() {
        noClasses().that().resideInAnyPackage("io.preemptscope.analysis..")
                .should().dependOnClassesThat().resideInAnyPackage("io.preemptscope.output..", "io.preemptscope.cli..")
                .check(production);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.preemptscope.(**)").should().beFreeOfCycles().check(production);
    }
}
