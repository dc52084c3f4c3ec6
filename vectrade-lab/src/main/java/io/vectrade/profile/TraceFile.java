package io.vectrade.profile;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vectrade.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a profile's spans in the Chrome / Perfetto trace-event JSON format
 * ({@code {"traceEvents": [{"ph": "X", "ts": µs, "dur": µs, ...}]}}), which opens in
 * ui.perfetto.dev or chrome://tracing. Times are microseconds from the recording's first event.
 */
public final class TraceFile {
    private TraceFile() {
    }

    public static void write(ProfileAnalysis a, Path file) throws IOException {
        ObjectMapper json = new ObjectMapper().configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        ObjectNode root = json.createObjectNode();
        root.put("displayTimeUnit", "ms");
        ArrayNode events = root.putArray("traceEvents");
        for (ProfileAnalysis.Span s : a.spans()) {
            ObjectNode e = events.addObject();
            e.put("name", s.name());
            e.put("cat", s.category());
            e.put("ph", "X");
            e.put("ts", s.startNanos() / 1e3);
            e.put("dur", s.durationNanos() / 1e3);
            e.put("pid", 1);
            e.put("tid", s.threadId());
            ObjectNode args = e.putObject("args");
            for (Map.Entry<String, Object> kv : s.args().entrySet()) {
                args.putPOJO(kv.getKey(), kv.getValue());
            }
        }
        AtomicFiles.writeBytes(file, out -> json.writerWithDefaultPrettyPrinter().writeValue(out, root));
    }
}
