package io.preemptscope.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private AnalysisJsonWriter() {}

    public static void write(AnalysisResult result, PrintWriter out) throws IOException {
        out.println(MAPPER.writeValueAsString(result));
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
