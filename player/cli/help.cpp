#include "player/cli/help.hpp"

#include <iterator>

namespace gatecast::cli {

namespace {

// Options that read the screen's config default to /etc/gatecast/player.json (args.hpp).
constexpr CommandHelp table[] = {
    {"keygen", "keygen --out DIR [--no-password | --password-file F | --password-env V]",
     "write a signing key pair: DIR/gatecast.pub and DIR/gatecast.key",
     "  --out DIR        folder for the keys (created)\n"
     "  --no-password    leave the secret key unencrypted (an unattended signing host)\n"
     "  --password-file F  read the password from F (else the terminal asks; scrypt, as minisign)\n"
     "  --password-env V   read the password from the environment variable V\n"},
    {"keys", "keys init|add|remove|rotate|set|sign|show ROOT ...",
     "edit and sign the publish tree's key set: root keys sign key sets, approver keys sign manifests",
     "  see docs/signing.md for each sub-command and its options\n"},
    {"pack", "pack SRC --out ROOT --channel C --version N [--key K [--password-file F | --password-env V]]",
     "check an authoring folder and write it into a publish tree, signed with --key",
     "  SRC              authoring folder (SRC/content.json and its media)\n"
     "  --out ROOT       publish tree to write (created or updated)\n"
     "  --channel C      channel name\n"
     "  --version N      version, greater than every version published before\n"
     "  --key K          secret key to sign with (minisign format)\n"
     "  --password-file F, --password-env V  the key's password, else the terminal asks\n"},
    {"notice",
     "notice ROOT --channel C --key K (--file F | --id ID --text LANG=TEXT... | --withdraw ID | --refresh) "
     "[--title LANG=TEXT...] [--starts TIME] [--ends TIME] [--priority P] [--targets T,...] "
     "[--languages L,...] [--timezone TZ] [--layout FILE|builtin] [--version N] "
     "[--password-file F | --password-env V]",
     "publish urgent notices on an alerts channel in one step: checked as pack checks text, signed, "
     "the next version",
     "  ROOT             publish tree (the channel's notices published there are kept)\n"
     "  --channel C      the alerts channel\n"
     "  --key K          secret key to sign with (minisign format)\n"
     "  --file F         notices from a small JSON file (docs/notices.md)\n"
     "  --id ID          one notice from the options below (a notice of that id is replaced)\n"
     "  --text LANG=TEXT the notice in one language; once per language of the screens\n"
     "  --title LANG=TEXT  its heading (default the built-in one: THÔNG BÁO KHẨN, ...)\n"
     "  --starts TIME    local \"YYYY-MM-DD HH:MM\" (default now)\n"
     "  --ends TIME      local \"YYYY-MM-DD HH:MM\" (default the end of the day)\n"
     "  --priority P     0-1000 (default 500); the higher notice shows when two overlap\n"
     "  --withdraw ID    publish the next version without notice ID\n"
     "  --refresh        publish the same notices again with a fresh expiry (daily, so that a\n"
     "                   quiet channel never turns stale on the screens)\n"
     "  --targets T,...  the screens (default: as published before)\n"
     "  --languages L,...  languages every notice must have (default vi,zh,en)\n"
     "  --timezone TZ    the site's zone for the times (default Asia/Ho_Chi_Minh)\n"
     "  --layout FILE    the department's own layout (regions title and body); builtin = ours\n"
     "  --version N      version (default the published one + 1)\n"
     "  --password-file F, --password-env V  the key's password, else the terminal asks\n"},
    {"sign", "sign ROOT --channel C --key K [--password-file F | --password-env V]",
     "add one approval to a channel: manifest.json.minisig, then manifest.json.<KEY ID>.minisig",
     "  ROOT             publish tree\n"
     "  --channel C      channel to sign\n"
     "  --key K          secret key (minisign format)\n"
     "  --password-file F, --password-env V  the key's password, else the terminal asks\n"},
    {"verify", "verify ROOT --channel C --pubkey P [--screen ID]",
     "check a channel as a screen would: signature, expiry, targets, every blob",
     "  ROOT             publish tree (folder)\n"
     "  --channel C      channel to check\n"
     "  --pubkey P       public key file (gatecast.pub)\n"
     "  --screen ID      also check that the package targets this screen\n"},
    {"install", "install SOURCE [--config F]",
     "fetch, verify and activate the configured channels from a publish tree",
     "  SOURCE           publish tree: a folder, a USB stick's gatecast/ folder, or an http(s) URL\n"
     "  --config F       the screen's config (default /etc/gatecast/player.json)\n"},
    {"play",
     "play [--config F] [--windowed | --headless [--previews DIR] [--preview-every S]] [--size WxH] "
     "[--exit-after S] [--safe] [--example NAME]",
     "the player: what the schedule says, fullscreen, until stopped",
     "  --config F       the screen's config (default /etc/gatecast/player.json; a build tree\n"
     "                   without --config plays the bundled example instead)\n"
     "  --windowed       an ordinary window instead of fullscreen\n"
     "  --headless       no window: write what the screen shows as PNGs\n"
     "  --previews DIR   with --headless: where the PNGs go\n"
     "  --preview-every S  with --headless: seconds between two PNGs (default 5)\n"
     "  --size WxH       canvas size for --windowed and --headless\n"
     "  --exit-after S   stop after S seconds\n"
     "  --safe           the idle screen only, nothing from the store (the safe unit)\n"
     "  --example NAME   pack, sign, install and play a bundled example (langson-cluster,\n"
     "                   langson-ledwall) in a temporary folder\n"},
    {"render", "render [--config F] --at TIME --out PNG [--size WxH]",
     "one frame exactly as the screen shows it at TIME",
     "  --config F       the screen's config (default /etc/gatecast/player.json)\n"
     "  --at TIME        RFC 3339 time with an offset, e.g. 2026-03-01T08:00:00+07:00\n"
     "  --out PNG        picture to write\n"
     "  --size WxH       frame size (default the configured viewport or 1920x1080)\n"},
    {"preview", "preview SRC --out PNG [--config F] [--channel C] [--size WxH] [--at TIME]",
     "a contact sheet of every slide of an authoring folder or a publish tree",
     "  SRC              authoring folder or publish tree\n"
     "  --out PNG        contact sheet to write\n"
     "  --config F       site name, languages and time zone from this config\n"
     "  --channel C      the channel, for a publish tree with several\n"
     "  --size WxH       one slide's picture size\n"
     "  --at TIME        the time the clocks show\n"},
    {"schedule", "schedule [--config F] [--from TIME] [--to TIME]",
     "the screen's timeline, every channel composed: which channel plays what when, screen on/dimmed/off",
     "  --config F       the screen's config (default /etc/gatecast/player.json)\n"
     "  --from TIME      start (RFC 3339, or local \"YYYY-MM-DD HH:MM\"; default now)\n"
     "  --to TIME        end (default seven days after --from)\n"},
    {"status", "status [--config F] [--json] [--at TIME]",
     "installed versions, expiry, last sync, what plays now (and which channel), how the display turns off",
     "  --config F       the screen's config (default /etc/gatecast/player.json)\n"
     "  --json           machine-readable\n"
     "  --at TIME        as of another instant (RFC 3339): what the screen shows then\n"},
    {"report",
     "report --log DIR [DIR...] (--period 2026-Q4|2026-H2|2026 | --from D --to D) --out FILE [--format "
     "xlsx|csv|json] [--lang vi|en] [--screen ID] [--screen-keys FILE] [--accept-unsigned] [--chart PNG]",
     "the department's report for a quarter, half-year or year: availability, outages, plays and "
     "on-screen time per item, installs; every log's chain and signature checked",
     "  --log DIR        play log folders (data_dir/playlog, a stick's gatecast-reports/..., the\n"
     "                   WebDAV tree the screens report into); more folders may follow\n"
     "  --period P       2026-Q4, 2026-H2 or 2026 (or --from D --to D, days YYYY-MM-DD)\n"
     "  --out FILE       report to write\n"
     "  --format F       xlsx, csv or json (default: from the file's extension, else xlsx)\n"
     "  --lang L         vi (default) or en, for headers and labels\n"
     "  --screen ID      only this screen\n"
     "  --screen-keys F  the screens' public keys the office trusts\n"
     "  --accept-unsigned  count unsigned batches (they are still flagged)\n"
     "  --chart PNG      also draw on-screen hours per week per screen\n"
     "  --timezone TZ    zone the days are counted in (default Asia/Ho_Chi_Minh)\n"},
    {"fleet", "fleet --reports DIR --out DIR [--lang vi|en] [--timezone TZ]",
     "a static status page (HTML + JSON) of every screen, from what the screens report",
     "  --reports DIR    the WebDAV tree the screens report into\n"
     "  --out DIR        where index.html and fleet.json are written\n"
     "  --lang L         vi (default) or en\n"
     "  --timezone TZ    zone the times are shown in (default Asia/Ho_Chi_Minh)\n"},
};

}  // namespace

std::span<const CommandHelp> command_help() {
  return table;
}

const CommandHelp* find_command_help(std::string_view name) {
  for (const CommandHelp& help : table) {
    if (name == help.name) return &help;
  }
  return nullptr;
}

void print_overview(std::FILE* to) {
  std::fprintf(to, "usage: gatecast COMMAND ...\n");
  for (const CommandHelp& help : table) std::fprintf(to, "  gatecast %s\n", help.usage);
  std::fprintf(to,
               "\n'gatecast help COMMAND' or 'gatecast COMMAND --help' explains one command; "
               "man gatecast has it all.\n");
}

void print_command_help(const CommandHelp& help, std::FILE* to) {
  std::fprintf(to, "usage: gatecast %s\n\n%s\n\n%s", help.usage, help.summary, help.details);
}

}  // namespace gatecast::cli
