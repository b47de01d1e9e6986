import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ImapFlow } from "imapflow";

/*
 * A private Dovecot IMAP server for tests: its own config, sockets, state and Maildirs in a temporary
 * directory, listening on a free port of 127.0.0.1 only. Debian's `dovecot-imapd` provides the binaries.
 */

export const dovecotBinary = "/usr/sbin/dovecot";
const doveadmBinary = "/usr/bin/doveadm";
const startTimeoutMs = 10_000;
const stopTimeoutMs = 5_000;

export const dovecotInstalled = (): boolean => existsSync(dovecotBinary) && existsSync(doveadmBinary);

/** Why the mailbox tests cannot run here, or null when they can; `CONVEYOR_SKIP_IMAP=1` lets them be skipped. */
export const dovecotMissing = (): string | null =>
  dovecotInstalled()
    ? null
    : `Dovecot is not installed (${dovecotBinary}): install Debian's dovecot-imapd (apt-get install -y dovecot-imapd; CI does) ` +
      "or set CONVEYOR_SKIP_IMAP=1 to skip the mailbox tests";

export type MailUser = { user: string; password: string };

export type DovecotServer = {
  host: string;
  port: number;
  /** Implicit TLS with a self-signed certificate (started with `tls: true`). */
  secure: boolean;
  users: MailUser[];
  /** APPENDs a raw message to the user's mailbox (created when missing); answers its UID. */
  deliver: (user: string, raw: string | Buffer, mailbox?: string) => Promise<{ uid: number; uidValidity: string }>;
  /** Gives the mailbox a new UIDVALIDITY, as a server does after its indexes were rebuilt; answers the new one. */
  changeUidValidity: (user: string, mailbox?: string) => Promise<string>;
  /** Stops the server it started (by pid) and removes its directory. */
  stop: () => Promise<void>;
};

type Account = { uid: number; gid: number; loginUser: string; internalUser: string; internalGroup: string };

const run = promisify(execFile);

const passwdEntry = (name: string): { uid: number; gid: number } | null => {
  for (const line of readFileSync("/etc/passwd", "utf8").split("\n")) {
    const [user, , uid, gid] = line.split(":");
    if (user === name && uid !== undefined && gid !== undefined) return { uid: Number(uid), gid: Number(gid) };
  }
  return null;
};

const groupName = (gid: number): string | null => {
  for (const line of readFileSync("/etc/group", "utf8").split("\n")) {
    const [name, , id] = line.split(":");
    if (name && Number(id) === gid) return name;
  }
  return null;
};

/**
 * Dovecot will not run mail or login processes as root. As root the package's own users take the login and
 * internal roles and the mail belongs to `nobody`; as anyone else everything runs as that user.
 */
const accountFor = (): Account => {
  const me = userInfo();
  if (me.uid !== 0) {
    const group = groupName(me.gid);
    if (!group) throw new Error(`The test Dovecot needs a name for group ${me.gid} in /etc/group`);
    return { uid: me.uid, gid: me.gid, loginUser: me.username, internalUser: me.username, internalGroup: group };
  }
  const nobody = passwdEntry("nobody");
  if (!nobody || !passwdEntry("dovenull") || !passwdEntry("dovecot")) {
    throw new Error("Running as root, the test Dovecot needs the users nobody, dovenull and dovecot (the dovecot-core package makes the last two)");
  }
  return { ...nobody, loginUser: "dovenull", internalUser: "dovecot", internalGroup: "dovecot" };
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

/** Whether the server answers on the port: its "* OK" greeting, or with TLS an accepted connection. */
const answers = (port: number, tls: boolean): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    let greeting = "";
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once("error", () => done(false));
    // A listener whose login process failed closes without a word.
    socket.once("close", () => done(false));
    socket.once("connect", () => {
      if (tls) done(true);
    });
    socket.on("data", (chunk: Buffer) => {
      greeting += chunk.toString("latin1");
      if (greeting.includes("\n")) done(greeting.startsWith("* OK"));
    });
  });

const configText = (dir: string, port: number, account: Account, tls: boolean): string => {
  const listener = tls
    ? `inet_listener imap {\n    port = 0\n  }\n  inet_listener imaps {\n    address = 127.0.0.1\n    port = ${port}\n    ssl = yes\n  }`
    : `inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n  inet_listener imaps {\n    port = 0\n  }`;
  return `protocols = imap
listen = 127.0.0.1
base_dir = ${join(dir, "run")}
state_dir = ${join(dir, "state")}
instance_name = conveyor-test-${randomBytes(4).toString("hex")}
log_path = ${join(dir, "dovecot.log")}
${tls ? `ssl = required\nssl_cert = <${join(dir, "cert.pem")}\nssl_key = <${join(dir, "key.pem")}` : "ssl = no"}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_login_user = ${account.loginUser}
default_internal_user = ${account.internalUser}
default_internal_group = ${account.internalGroup}
first_valid_uid = ${account.uid}
first_valid_gid = ${account.gid}
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = ${join(dir, "users")}
}
userdb {
  driver = passwd-file
  args = ${join(dir, "users")}
}
service imap-login {
  ${listener}
  # Only root may chroot; a test server gains nothing from it.
  chroot =
}
# Repeated wrong passwords from the tests must not slow the next login: no penalty socket, no penalty.
service anvil {
  chroot =
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
`;
};

const selfSignedCertificate = async (dir: string): Promise<void> => {
  await run(
    "openssl",
    ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=localhost",
      "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem")],
    { timeout: startTimeoutMs },
  );
};

const exited = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });

const tail = (path: string, output: string): string => {
  const log = existsSync(path) ? readFileSync(path, "utf8") : "";
  return `${output}${log}`.trim().split("\n").slice(-15).join("\n");
};

/**
 * Starts the server, waits (at most ten seconds) until it greets, and answers how to reach it. Throws with
 * Dovecot's own words when it does not come up.
 */
export const startDovecot = async (
  options: { users?: MailUser[]; tls?: boolean } = {},
): Promise<DovecotServer> => {
  const missing = dovecotMissing();
  if (missing) throw new Error(missing);
  const users = options.users ?? [{ user: "leads", password: `pw-${randomBytes(6).toString("hex")}` }];
  const tls = options.tls ?? false;
  const account = accountFor();
  const dir = mkdtempSync(join(tmpdir(), "cvdove-"));
  let child: ChildProcess | null = null;
  // A test run that dies without stop() must not leave the server behind.
  const killOnExit = () => {
    if (child?.pid && child.exitCode === null) child.kill("SIGKILL");
  };
  try {
    // The login and mail processes run as other users: they must reach their files through this directory.
    chmodSync(dir, 0o755);
    const mailRoot = join(dir, "mail");
    mkdirSync(mailRoot);
    chownSync(mailRoot, account.uid, account.gid);
    writeFileSync(
      join(dir, "users"),
      users.map(({ user, password }) => `${user}:{PLAIN}${password}:${account.uid}:${account.gid}::${join(mailRoot, user)}::\n`).join(""),
      { mode: 0o644 },
    );
    if (tls) await selfSignedCertificate(dir);
    const port = await freePort();
    const config = join(dir, "dovecot.conf");
    writeFileSync(config, configText(dir, port, account, tls), { mode: 0o644 });

    let output = "";
    const started = spawn(dovecotBinary, ["-F", "-c", config], { stdio: ["ignore", "pipe", "pipe"] });
    child = started;
    process.once("exit", killOnExit);
    started.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + startTimeoutMs;
    for (;;) {
      if (started.exitCode !== null || started.signalCode !== null) {
        throw new Error(`Dovecot exited at start (${started.exitCode ?? started.signalCode}):\n${tail(join(dir, "dovecot.log"), output)}`);
      }
      if (await answers(port, tls)) break;
      if (Date.now() > deadline) {
        throw new Error(`Dovecot did not answer on 127.0.0.1:${port} within ${startTimeoutMs / 1000} s:\n${tail(join(dir, "dovecot.log"), output)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const passwordOf = (user: string): string => {
      const found = users.find((u) => u.user === user);
      if (!found) throw new Error(`No such test mail user: ${user}`);
      return found.password;
    };
    const doveadm = async (args: string[]): Promise<string> =>
      (await run(doveadmBinary, ["-c", config, ...args], { timeout: startTimeoutMs })).stdout;

    let stopping: Promise<void> | null = null;
    return {
      host: "127.0.0.1",
      port,
      secure: tls,
      users,
      deliver: async (user, raw, mailbox = "INBOX") => {
        const client = new ImapFlow({
          host: "127.0.0.1",
          port,
          secure: tls,
          auth: { user, pass: passwordOf(user) },
          logger: false,
          tls: { rejectUnauthorized: false },
          connectionTimeout: startTimeoutMs,
        });
        client.on("error", () => undefined);
        await client.connect();
        try {
          if (mailbox !== "INBOX" && !(await client.list()).some((box) => box.path === mailbox)) await client.mailboxCreate(mailbox);
          const appended = await client.append(mailbox, raw);
          if (!appended || appended.uid === undefined) throw new Error("Dovecot did not report the appended message's UID");
          return { uid: appended.uid, uidValidity: String(appended.uidValidity) };
        } finally {
          await client.logout().catch(() => client.close());
        }
      },
      changeUidValidity: async (user, mailbox = "INBOX") => {
        const status = await doveadm(["mailbox", "status", "-u", user, "uidvalidity", mailbox]);
        const current = Number(/uidvalidity=(\d+)/.exec(status)?.[1] ?? "0");
        const next = String(current + 1);
        await doveadm(["mailbox", "update", "-u", user, "--uid-validity", next, mailbox]);
        return next;
      },
      stop: () =>
        (stopping ??= (async () => {
          process.removeListener("exit", killOnExit);
          if (started.pid && started.exitCode === null && started.signalCode === null) {
            const gone = exited(started);
            started.kill("SIGTERM");
            const timer = setTimeout(() => started.kill("SIGKILL"), stopTimeoutMs);
            await gone;
            clearTimeout(timer);
          }
          rmSync(dir, { recursive: true, force: true });
        })()),
    };
  } catch (error) {
    process.removeListener("exit", killOnExit);
    if (child?.pid && child.exitCode === null) {
      const gone = exited(child);
      child.kill("SIGKILL");
      await gone;
    }
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
};
