// Topic 3 of the user guide: what a container runs. Commands and Args override the
// image's ENTRYPOINT and CMD the way Kubernetes' command and args do.

/** The image's defaults and the container's overrides. Lists are argv elements, never split on spaces. */
export interface StartCommandInput {
  /** the image's ENTRYPOINT */
  imageEntrypoint?: readonly string[];
  /** the image's CMD */
  imageCmd?: readonly string[];
  /** the container's `Command` (replaces ENTRYPOINT; CMD is then ignored) */
  commands?: readonly string[];
  /** the container's `Arg` (replaces CMD) */
  args?: readonly string[];
}

/**
 * The argv a container will run, exactly per the guide's table:
 *
 * | Commands | Args | runs |
 * |---|---|---|
 * | unset | unset | ENTRYPOINT + CMD |
 * | set | unset | Commands (CMD is ignored) |
 * | unset | set | ENTRYPOINT + Args |
 * | set | set | Commands + Args |
 *
 * An empty list counts as unset. Elements are kept as they are (a space inside one is
 * part of that argument). Throws when nothing would run (no ENTRYPOINT, CMD, Commands
 * or Args), because the container would fail to start.
 *
 * @example
 * ```ts
 * resolveStartCommand({ imageEntrypoint: ["mkdir"], imageCmd: ["/data/backup"], args: ["/opt/backup"] });
 * // ["mkdir", "/opt/backup"]
 * ```
 */
export function resolveStartCommand(input: StartCommandInput): string[] {
  const commands = nonEmpty(input.commands);
  const args = nonEmpty(input.args);
  const argv = commands
    ? [...commands, ...(args ?? [])]
    : [...(nonEmpty(input.imageEntrypoint) ?? []), ...(args ?? nonEmpty(input.imageCmd) ?? [])];
  if (argv.length === 0) {
    throw new Error(
      "nothing to run: the image has no ENTRYPOINT or CMD and the container sets no Command or Arg",
    );
  }
  return argv;
}

/**
 * The directory a container starts in: its `WorkingDir`, else the image's WORKDIR, else
 * `/`. (A directory that does not exist in the image is created.)
 *
 * @example
 * ```ts
 * resolveWorkingDir({ imageWorkdir: "/usr/share/nginx/html" }); // "/usr/share/nginx/html"
 * resolveWorkingDir({}); // "/"
 * ```
 */
export function resolveWorkingDir(input: { imageWorkdir?: string; workingDir?: string }): string {
  return input.workingDir?.trim() || input.imageWorkdir?.trim() || "/";
}

const nonEmpty = (list: readonly string[] | undefined) =>
  list && list.length > 0 ? list : undefined;
