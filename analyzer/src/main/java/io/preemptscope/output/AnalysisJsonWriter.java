package io.preemptscope.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.preemptscope.analysis.AnalysisResult;
import io.preemptscope.model.anomaly.Severity;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/** The analysis as JSON: the schema the issue fixes, versioned by {@code schema}. */
public final class AnalysisJsonWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new SimpleModule().addSerializer(Severity.class, new SeveritySerializer()));

    /** Built with its serializers at class initialization; writes into the caller's stream, which it leaves open. */
    private static final ObjectWriter WRITER = MAPPER.writerFor(AnalysisResult.class)
            .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private AnalysisJsonWriter() {}

    /**
     * Loads Jackson and builds the report's serializers on a thread of their own. Their first use
     * takes a tenth of a second or more, which, started with a long analysis, overlaps the reading
     * of the captures instead of following it.
     */
    public static void prepareInBackground() {
        Thread init = new Thread(AnalysisJsonWriter::prepare, "json-writer-init");
        init.setDaemon(true);
        init.start();
    }

    private static void prepare() {
        // calling a static method initializes the class, and that builds WRITER
    }

    public static void write(AnalysisResult result, PrintWriter out) throws IOException {
        WRITER.writeValue(out, result);
        out.println();
        out.flush();
    }

    private static final class SeveritySerializer extends StdSerializer<Severity> {
        SeveritySerializer() {
            super(Severity.class);
        }

        @Override
        public void serialize(Severity value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.name().toLowerCase(Locale.ROOT));
        }
    }
}
