package io.btm.verify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.core.difficulty.Difficulty;
import io.btm.core.header.HeaderHasher;
import io.btm.core.stratum.Job;
import io.btm.core.tensority.MatrixCacheStore;
import io.btm.core.tensority.Tensority;
import io.btm.pool.trace.TraceLine;
import io.btm.verify.model.MinerCommand;
import io.btm.verify.model.Scenario;
import io.btm.verify.model.ScenarioResult;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The replay scenario: the first logged-in session of a trace recorded by the proxy, played to the
 * miner under test: the pool's messages sent again at their recorded moments after the miner's
 * first line (the replies to the recorded miner's submits left out), the miner's own submits judged
 * with the reference against the jobs it was sent, and answered. It passes when the miner submits
 * and every submit is a valid share of a job it was sent; the recorded session's own verdicts are
 * measured beside, so the two can be compared.
 */
final class Replay {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LONGEST = Duration.ofSeconds(120);
    private static final Duration AFTER_LAST_LINE = Duration.ofSeconds(5);

    private Replay() {
    }

    static ScenarioResult run(MinerCommand command, Path traceFile, Path log) {
        long start = System.nanoTime();
        Map<String, String> measured = new LinkedHashMap<>();
        try {
            List<TraceLine> session = firstLoggedInSession(TraceLine.read(traceFile), traceFile);
            Set<String> recordedSubmitIds = new HashSet<>();
            int recordedSubmits = 0;
            for (TraceLine line : session) {
                JsonNode message = StratumText.parse(line.data());
                if (line.incoming() && message != null && "submit".equals(message.path("method").asText())) {
                    recordedSubmitIds.add(message.path("id").toString());
                    recordedSubmits++;
                }
            }
            List<TraceLine> toSend = new ArrayList<>();
            int recordedAccepted = 0;
            for (TraceLine line : session) {
                JsonNode message = StratumText.parse(line.data());
                boolean submitReply = !line.incoming() && message != null && !message.has("method")
                        && recordedSubmitIds.contains(message.path("id").toString());
                if (submitReply && message.path("error").isNull()) {
                    recordedAccepted++;
                }
                if (!line.incoming() && !submitReply) {
                    toSend.add(line);
                }
            }
            measured.put("recorded", session.size() + " lines, " + recordedSubmits + " submits, " + recordedAccepted + " accepted by the pool");
            Judge judge = play(command, session, toSend, log);
            measured.put("login", judge.login == null ? "none sent" : Trial.loginSeen(judge.login, command));
            measured.put("replayed", judge.submits + " submits, " + judge.valid + " valid");
            String reason = judge.submits == 0 ? "the miner sent no submit in the replayed session"
                    : judge.firstProblem;
            return new ScenarioResult(Scenario.REPLAY, reason == null ? ScenarioResult.Outcome.PASS : ScenarioResult.Outcome.FAIL, reason,
                    measured, Duration.ofNanos(System.nanoTime() - start));
        } catch (IOException | RuntimeException e) {
            return new ScenarioResult(Scenario.REPLAY, ScenarioResult.Outcome.FAIL, "the replay could not run: " + e.getMessage(), measured,
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static List<TraceLine> firstLoggedInSession(List<TraceLine> trace, Path file) {
        for (TraceLine line : trace) {
            JsonNode message = StratumText.parse(line.data());
            if (line.incoming() && message != null && "login".equals(message.path("method").asText())) {
                return trace.stream().filter(l -> l.session() == line.session()).toList();
            }
        }
        throw new IllegalArgumentException("trace " + file + ": no session with a login");
    }

    /** The miner's submits as the replay judges them. Its methods run on the connection's reader thread. */
    private static final class Judge {
        private final MatrixCacheStore caches = new MatrixCacheStore(2);
        private final Map<String, Job> jobs = new ConcurrentHashMap<>();
        private final Set<String> seen = new HashSet<>();
        int submits;
        int valid;
        String firstProblem;
        /** The name the miner logged in with: only reported, as the recorded pool's replies are sent whatever it is. */
        String login;

        void sent(String data) {
            JsonNode message = StratumText.parse(data);
            if (message == null) {
                return;
            }
            JsonNode job = StratumText.job(message);
            if (job != null) {
                try {
                    Job parsed = Job.fromJson(job);
                    jobs.put(parsed.jobId(), parsed);
                } catch (IllegalArgumentException unusable) {
                    // a job the recorded pool sent that no miner could mine: nothing to judge against
                }
            }
        }

        /** The answer to a submit: accepted, or the reason it is not. */
        String judge(JsonNode params) {
            submits++;
            String jobId = params.path("job_id").asText();
            String nonceText = params.path("nonce").asText();
            Job job = jobs.get(jobId);
            String problem;
            if (job == null) {
                problem = "a submit for job " + jobId + ", which the replay never sent";
            } else if (!seen.add(jobId + "/" + nonceText)) {
                problem = "nonce " + nonceText + " of job " + jobId + " submitted twice";
            } else {
                long nonce;
                try {
                    nonce = Job.parseNonce(nonceText);
                } catch (IllegalArgumentException e) {
                    nonce = -1;
                }
                byte[] result = nonce == -1 ? null : Tensority.hash(new HeaderHasher(job.template()).hash(nonce), caches.get(job.seed()));
                if (result == null) {
                    problem = "nonce '" + nonceText + "' is not a nonce";
                } else if (Difficulty.hashToBig(result).compareTo(job.target().value()) > 0) {
                    problem = "nonce " + nonceText + " of job " + jobId + " does not meet the job's target";
                } else {
                    valid++;
                    return null;
                }
            }
            if (firstProblem == null) {
                firstProblem = problem;
            }
            return problem;
        }
    }

    private static Judge play(MinerCommand command, List<TraceLine> session, List<TraceLine> toSend, Path log) throws IOException {
        Judge judge = new Judge();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout((int) Trial.STARTUP.toMillis());
            Map<String, String> values = Map.of(MinerCommand.URL, "stratum+tcp://127.0.0.1:" + server.getLocalPort(),
                    MinerCommand.URL2, "stratum+tcp://127.0.0.1:" + server.getLocalPort(), MinerCommand.USER, Trial.USER,
                    MinerCommand.API, "0");
            try (MinerProcess miner = MinerProcess.start(command.resolve(values), log);
                 Socket connection = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = connection.getOutputStream();
                String firstLine = in.readLine();
                long zero = System.nanoTime();
                Instant recordedZero = session.stream().filter(TraceLine::incoming).findFirst().orElseThrow().time();
                Thread sender = new Thread(() -> send(toSend, recordedZero, zero, out, judge), "replay-sender");
                sender.setDaemon(true);
                sender.start();
                long lastOffset = Duration.between(recordedZero, session.get(session.size() - 1).time()).toNanos();
                long end = zero + Math.min(lastOffset + AFTER_LAST_LINE.toNanos(), LONGEST.toNanos());
                connection.setSoTimeout(200);
                for (String line = firstLine; System.nanoTime() < end; ) {
                    if (line != null) {
                        answer(line, out, judge);
                    }
                    try {
                        line = in.readLine();
                        if (line == null) {
                            break; // the miner closed
                        }
                    } catch (SocketTimeoutException quiet) {
                        line = null;
                    }
                }
                sender.interrupt();
            }
        }
        return judge;
    }

    private static void send(List<TraceLine> toSend, Instant recordedZero, long zero, OutputStream out, Judge judge) {
        try {
            for (TraceLine line : toSend) {
                long due = zero + Math.max(0, Duration.between(recordedZero, line.time()).toNanos());
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                judge.sent(line.data());
                synchronized (out) {
                    out.write((line.data() + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException stopped) {
            // the miner went, or the replay ended
        }
    }

    private static void answer(String line, OutputStream out, Judge judge) throws IOException {
        JsonNode message = StratumText.parse(line);
        if (message != null && "login".equals(message.path("method").asText()) && judge.login == null) {
            judge.login = message.path("params").path("login").asText("");
        }
        if (message == null || !"submit".equals(message.path("method").asText())) {
            return; // the login and anything else were answered by the recorded pool's lines
        }
        String problem = judge.judge(message.path("params"));
        ObjectNode reply = JSON.createObjectNode();
        reply.set("id", message.get("id"));
        reply.put("jsonrpc", "2.0");
        if (problem == null) {
            reply.set("result", JSON.createObjectNode().put("status", "OK"));
            reply.putNull("error");
        } else {
            reply.putNull("result");
            reply.set("error", JSON.createObjectNode().put("code", 23).put("message", problem));
        }
        synchronized (out) {
            out.write((reply + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }
}
