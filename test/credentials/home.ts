// Temporary home folders holding the CLI's config.json and the SDKs' INI credentials file.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TempHome {
  dir: string;
  /** HOME and USERPROFILE pointing at the folder */
  env: Record<string, string>;
  cliPath: string;
  iniPath: string;
  writeCli(config: unknown): Promise<void>;
  writeIni(text: string): Promise<void>;
  remove(file: string): Promise<void>;
}

const homes: string[] = [];

export async function tempHome(): Promise<TempHome> {
  const dir = await mkdtemp(join(tmpdir(), "alicloud-eci-home-"));
  homes.push(dir);
  const cliPath = join(dir, ".aliyun", "config.json");
  const iniPath = join(dir, ".alibabacloud", "credentials");
  const write = async (file: string, text: string) => {
    await mkdir(join(file, ".."), { recursive: true });
    await writeFile(file, text);
  };
  return {
    dir,
    env: { HOME: dir, USERPROFILE: dir },
    cliPath,
    iniPath,
    writeCli: (config) =>
      write(cliPath, typeof config === "string" ? config : JSON.stringify(config)),
    writeIni: (text) => write(iniPath, text),
    remove: (file) => rm(file, { force: true }),
  };
}

/** Deletes every folder made by tempHome; call from afterEach. */
export async function removeHomes(): Promise<void> {
  await Promise.all(homes.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** A CLI config with an AK profile (`default`) and an STS profile (`sts`), `current` = default. */
export const CLI_CONFIG = {
  current: "default",
  profiles: [
    {
      name: "default",
      mode: "AK",
      access_key_id: "LTAIcli",
      access_key_secret: "cli-secret",
      region_id: "cn-hangzhou",
    },
    {
      name: "sts",
      mode: "StsToken",
      access_key_id: "STS.cli",
      access_key_secret: "cli-sts-secret",
      sts_token: "cli-sts-token",
      region_id: "cn-shanghai",
    },
    {
      name: "arn",
      mode: "RamRoleArn",
      access_key_id: "LTAIarn",
      access_key_secret: "arn-secret",
      ram_role_arn: "acs:ram::1:role/x",
    },
    { name: "sso", mode: "CloudSSO", cloud_sso_sign_in_url: "https://signin.example" },
  ],
  meta_path: "",
};

export const INI_TEXT = `; shared credentials
[default]
type = access_key            ; inline comments are ignored
access_key_id = LTAIini
access_key_secret = ini-secret

[other]
type = access_key
access_key_id = "LTAIother"
access_key_secret = other-secret

[role]
type = ecs_ram_role
role_name = EciRole

[bearer]
type = bearer
bearer_token = not-read-here

[broken]
access_key_id = LTAIbroken
access_key_secret = broken-secret
`;
