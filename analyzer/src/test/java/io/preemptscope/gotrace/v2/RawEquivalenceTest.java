package io.preemptscope.gotrace.v2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** encoded-v2: each binary frames into exactly the raw events of the upstream text it was made from. */
class RawEquivalenceTest {

    static Stream<Path> binaries() {
        return V2Corpus.list(V2Corpus.encoded(), ".trace").stream();
    }

    @Test
    void theCorpusHasTwentyThreeBinaries() {
        assertThat(binaries()).hasSize(23);
    }

    @ParameterizedTest
    @MethodSource("binaries")
    void binaryAndTextGiveTheSameRawEvents(Path binary) throws Exception {
        List<RawEvent> fromBinary = all(new BinaryReader(Files.readAllBytes(binary)));
        TextTrace text = TextReader.read(Files.readString(V2Corpus.textOriginal(binary)));
        List<RawEvent> fromText = text.events();

        assertThat(new BinaryReader(Files.readAllBytes(binary)).minor()).isEqualTo(text.minor());
        assertThat(fromBinary).hasSameSizeAs(fromText);
        for (int i = 0; i < fromText.size(); i++) {
            RawEvent b = fromBinary.get(i);
            RawEvent t = fromText.get(i);
            assertThat(b.toWireText()).as("event %d (line %d)", i, t.offset()).isEqualTo(t.toWireText());
            assertThat(b.sameAs(t)).as("event %d", i).isTrue();
            // The encoder wrote minimal varints, which is the length the text reader computes.
            assertThat(b.length()).as("encoded length of event %d", i).isEqualTo(t.length());
        }
    }

    private static List<RawEvent> all(RawSource source) throws Exception {
        List<RawEvent> out = new ArrayList<>();
        for (RawEvent e = source.next(); e != null; e = source.next()) {
            out.add(e);
        }
        return out;
    }
}
