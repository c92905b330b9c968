package io.preemptscope.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class IoErrorsTest {
    @Test
    void theJdksMessagesBecomeWords() {
        assertThat(IoErrors.describe(new NoSuchFileException("/tmp/x"))).isEqualTo("no such file or directory");
        assertThat(IoErrors.describe(new AccessDeniedException("/tmp/x"))).isEqualTo("permission denied");
        assertThat(IoErrors.describe(new FileSystemException("/tmp/x", null, "Is a directory")))
                .isEqualTo("is a directory");
        assertThat(IoErrors.describe(new EOFException())).isEqualTo("it ends too early (cut short)");
        assertThat(IoErrors.describe(new IOException((String) null))).isEqualTo("input/output error");
        assertThat(IoErrors.describe(new IOException("Input/output error"))).isEqualTo("input/output error");
    }

    @Test
    void aMessageNamingAJavaClassGivesWayToItsCause() {
        IOException wrapped = new IOException("Could not create CompressorInputStream.",
                new IOException("XZ Stream Header is corrupt"));
        assertThat(IoErrors.describe(wrapped)).isEqualTo("XZ Stream Header is corrupt");
        assertThat(IoErrors.describe(new IOException("java.lang.IllegalStateException: x"))).isEqualTo("input/output error");
    }
}
