package io.btm.miner.cli;

import io.btm.core.launch.JvmRelaunch;
import io.btm.miner.support.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Command;


/** {@code java -jar miner.jar COMMAND}: the entry point. */
@Command(name = "miner", mixinStandardHelpOptions = true, versionProvider = MinerCli.Version.class,
        description = "Bytom (BTM) Tensority miner: OpenCL devices, stratum pools, golden-vector checks.",
        subcommands = {MineCommand.class, HashCommand.class, VerifyCommand.class, DevicesCommand.class, BenchCommand.class, KernelsCommand.class, CommandLine.HelpCommand.class})
public final class MinerCli {
    public static final int EXIT_USER_ERROR = 2;

    public static void main(String[] args) throws Exception {
        System.exit(JvmRelaunch.run(MinerCli.class, args, JvmRelaunch.Needs.VECTOR_API_AND_SIGNAL_CHAINING, MinerCli::run));
    }

    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        return withUserErrors(new CommandLine(new MinerCli()));
    }

    /**
     * Reports bad input or environment as one line, {@code error: …}, with exit status
     * {@link #EXIT_USER_ERROR}; anything else is a bug and keeps its stack trace.
     */
    public static CommandLine withUserErrors(CommandLine cli) {
        return cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UserError || e instanceof IllegalArgumentException) {
                cmd.getErr().println("error: " + e.getMessage());
                return EXIT_USER_ERROR;
            }
            throw e;
        });
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = MinerCli.class.getPackage().getImplementationVersion();
            return new String[]{"miner " + (version == null ? "dev" : version)};
        }
    }
}
