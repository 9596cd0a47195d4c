# mokuhyo's messages in English. Every id here is in ja.ftl too (a test checks).
# Keys, file names and data are arguments, quoted as `key`; never translate them.

## How a problem is shown: `file:line:column: error: `key`: message`.

severity-error = error
severity-warning = warning

## Problems with folders and files.

problem-cannot-read-sheets = cannot read the sheets folder: { $reason }
problem-no-ward = no ward here: a ward is a folder with a `ward.toml` (e.g. sheets/higashi-r5/ward.toml)
problem-cannot-read-ward = cannot read the ward folder: { $reason }
problem-no-division = this ward has no division: add one TOML file per division (課) beside ward.toml
problem-cannot-read-file = cannot read the file: { $reason }
problem-not-a-file = this is not a file (a folder, a pipe or a device): a sheet is a TOML file
problem-too-large = the file is { $mib } MiB; a sheet's file is a few KiB, and at most { $max_mib } MiB is read: is this the right file?
problem-not-a-sheet-file = this looks like a division's file but is { $what ->
    [folder] a folder, not a file
    [dangling_link] a link to a file that is not there
   *[other] not a file (a pipe or a device)
  }: it is left out
problem-rename-to-toml = read as a division's file; rename it `{ $stem }.toml` so that every tool takes it for one
problem-not-utf8 = the file is in { $encoding }, not UTF-8; it was read as { $encoding }, but other tools may not: save it as UTF-8 (メモ帳: 名前を付けて保存 → 文字コード UTF-8)
problem-not-text = the file is neither UTF-8 nor Shift_JIS text, so its characters cannot be read without guessing: save it as UTF-8 (メモ帳: 名前を付けて保存 → 文字コード UTF-8)
problem-broken-utf16 = the file starts like { $encoding } but has a broken character here: save it as UTF-8
problem-bad-shift-jis-byte = the file is Shift_JIS text up to here, where a byte is neither Shift_JIS nor UTF-8: mend the character here, or save the file as UTF-8 (メモ帳: 名前を付けて保存 → 文字コード UTF-8)
problem-more-problems = { $count } more problem(s) in this file are not shown: mend these first
problem-order-taken = order { $order } is taken already by { $by }:{ $line }:{ $column }: each division needs its own place in the volume
problem-duplicate-division = the division `{ $name }` is in { $first } already: each division of a ward has one file (merge them, or rename one)
problem-nested-ward = the ward folder { $folder } is inside another ward's folder: build and check do not read it there; move it directly under the sheets folder

## Problems with the TOML: its syntax, keys and types.

problem-syntax = { $message }
problem-unreadable = { $message }
problem-unknown-key = unknown key `{ $key }` { $table ->
    [none] here
   *[other] in `{ $table }`
  }{ $suggestion ->
    [none] {""}
   *[other] : did you mean `{ $suggestion }`?
  } (the keys { $table ->
    [none] here
   *[other] in `{ $table }`
  } are { $keys })
problem-missing-key = { $table ->
    [none] the file
   *[other] this `{ $table }` table
  } has no `{ $key }`: add `{ $key } = { $example }`
problem-wrong-type = this is { $found }, but it must be { $expected }{ $unquoted ->
    [none] {""}
   *[other] {" "}(write it without quotes: { $unquoted })
  }
problem-not-a-table = this is { $found }, not a table: { $expected }
problem-one-table = this is one table ([{ $table }], or made by a [[{ $table }.…]] header with no [[{ $table }]] before it), but it must be one or more [[{ $table }]] tables: start each with [[{ $table }]]

found-string = a string
found-integer = an integer
found-float = a decimal number
found-boolean = true/false
found-date = a date
found-array = an array
found-table = a table

expected-text = text in quotes, such as "地域課"
expected-integer = a whole number without quotes, such as 1
expected-flag = true or false, without quotes
expected-date = a date without quotes, such as 2023-04-01
expected-texts = a list of texts in quotes, such as ["…", "…"]
expected-tables = one or more [[…]] tables

## Slips of typing with a Japanese input method: each says what to type instead.

problem-full-width-equals = `＝` is the full-width equals sign: type the half-width `=` (turn the IME off, or press F10)
problem-full-width-space = a full-width space (　) outside quotes: TOML takes only half-width spaces; delete it or type a half-width space
problem-unquoted = the value `{ $value }` has no quotes: put text in "…", as { $key } = "{ $value }"
problem-curly-quotes = `{ $quote }` does not start or end a text in TOML: use the half-width " (as { $key } = "…"); 「」 and “” may stay inside the quotes
problem-newline-in-string = the text in "…" goes on past the end of the line: for several lines, write ''' before and after it ({ $key } = '''…''')
problem-full-width-digits = `{ $written }` is written with full-width digits: type { $digits }
problem-full-width-brackets = `{ $written }` has full-width brackets: type { $header }
problem-full-width-hash = `＃` is full-width, so this line is not a comment: type the half-width `#`
problem-japanese-key = keys are written in ASCII, as on the form's TOML: { $suggestion ->
    [none] use one of { $keys }
   *[other] `{ $key }` is most likely `{ $suggestion }`
  }

## The sheet's rules.

problem-too-many-stamps = { $count } stamp boxes do not fit: at most { $max }
problem-empty-stamp = a stamp box has an empty title
problem-empty-ward-name = the ward's name is empty (e.g. ward = "東区")
problem-bad-fiscal-year = { $year } is not a fiscal year this tool can print: write the calendar year the 年度 starts in, e.g. 2023 for 令和５年度
problem-evaluated-before-created = 評価日 { $evaluated } is before 作成日 { $created }
problem-created-outside-year = 作成日 { $created } is not in { $year } (1 April to 31 March): is the date or the year a slip?
problem-evaluated-before-year-end = 評価日 { $evaluated } is before the fiscal year ends ({ $year_end }): the evaluation is of a whole year; is the date a slip?
problem-far-fiscal-year = the fiscal year { $year } is far from this one ({ $this_year }): is it a slip?
problem-evaluation-without-date = ratings or results are written, but ward.toml has no 評価日 (evaluated): the sheet would print them with none; add evaluated = YYYY-MM-DD to ward.toml
problem-invisible-in-name = `{ $name }` has an invisible character in it ({ $chars }): it prints as nothing and is left out of file names; delete it
problem-not-a-plain-date = `{ $written }` is not a plain date: write it as YYYY-MM-DD, e.g. 2023-04-01
problem-before-eras = { $date } is before 1873-01-01 (明治6年), the earliest date this tool can print as an era date
problem-bad-order = { $order } is not a place in the volume: use 1, 2, 3, …
problem-empty-name = `{ $key }` is empty: the sheet needs the name
problem-no-goal = this division has no goal: add at least one [[goals]] table
problem-no-goal-yet = this division has no goal yet: fill in the text of at least one [[goals]] table
problem-too-many-goals = { $count } goals: a sheet holds at most { $max } (the official sheet has 5); split the division's goals
problem-extra-goals = { $count } goals: the official sheet has rows No. 1–{ $rows }; the extra ones print as further rows
problem-empty-goal-text = the goal's text is empty
problem-not-a-rating = `{ $mark }` is not a rating: use ○ (達成), △ (一部未達成) or × (未達成), or leave it out
problem-rated-without-result = the goal is rated but none of its indicators has a `result` (Ｒ結果)
problem-unrated = the ward is evaluated, but this goal has no rating (○, △ or ×): the summary shows it as 未評価 (not rated), and the 達成率 (rate achieved) counts every goal
problem-only-spaces = only spaces are written here: the sheet prints nothing; write the value, or leave it as ""
problem-no-action = the goal has no action: add a [[goals.actions]] table (主な取組) under it
problem-too-many-actions = more than { $max } actions in one goal: no sheet can print them
problem-too-many-indicators = more than { $max } indicators in one action: no sheet can print them
problem-no-indicator = the action has no indicator: add a [[goals.actions.indicators]] table (取組指標) under it

## Characters that would not print.

problem-no-glyph = { $chars } { $place }: no font has { $count ->
    [one] it, so it would print as an empty box: write it
   *[other] them, so they would print as empty boxes: write them
  } with ordinary characters (外字 → a standard kanji or a note), or add a font that has { $count ->
    [one] it
   *[other] them
  } with --font-path
problem-controls = { $chars } { $place }: control characters print as nothing; delete them
text-place = in { $division ->
    [none] {""}
   *[other] { $division },{" "}
  }{ $goal ->
    [none] {""}
   *[other] goal No. { $goal },{" "}
  }`{ $key }`

## Errors that stop a command.

error-prefix = error
error-read = cannot read { $path }: { $reason }
error-write = cannot write { $path }: { $reason }
error-create-folder = cannot create { $path }: { $reason }
error-exists = { $path } already exists: it is left as it is
error-inside-ward = the new ward folder { $out } is inside this year's ward folder { $ward }, where build and check would not read it: give --out a folder outside { $ward } (beside it, for example)
error-not-a-file = { $path }: not a file
error-sheets-folder = cannot read the sheets folder { $path }: { $reason }
error-no-font-folder = --font-path { $path }: no such folder
error-font = cannot read the font { $path }: { $reason }
error-templates-folder = --templates { $path }: { $reason }
error-template-outside = { $path }: a link to { $target }, outside the templates folder: templates may read only the files inside it
error-no-template = no template `{ $name }`
error-timed-out = templates/{ $template }: given up after { $seconds } s: the template loops or grows without end (mend it; --timeout sets the limit)
error-panicked = templates/{ $template }: the compile stopped without a result (typst panicked)
error-thread = cannot start a thread to compile { $template }: { $reason }
error-outside-eras = { $what } is before 1873-01-01 (明治6年), the earliest date this tool can print as an era date
error-fiscal-year = the fiscal year { $year }
error-serialize = cannot serialize the data: { $reason }
error-pdf-standards = --pdf-standard: { $message }
error-unknown-standard = unknown PDF standard `{ $name }`: use one of { $names }
error-export = PDF export: { $message }
error-hint = (hint: { $hint })
error-unknown-table-format = { $path }: not a table mokuhyo reads: give a .xlsx, .csv or .json file
error-table-too-large = { $path }: { $mib } MiB is far more than a table of sheets (at most { $max_mib } MiB is read)
error-csv-read = the CSV cannot be read: { $reason }
error-csv-write = cannot write the CSV: { $reason }
error-xlsx-write = cannot write the workbook: { $reason }
error-json-rows = the JSON is not an array of rows: { $reason }
error-workbook = cannot open the workbook { $path }: { $reason }
error-workbook-password = the workbook { $path } has a password, so it cannot be read: save it without one (in Excel, clear the password under Protect Workbook, Encrypt with Password), then import again
error-not-a-workbook = cannot open the workbook { $path }: it is not an Excel workbook (.xlsx), or it is damaged. Check that Excel opens it and save it as "Excel Workbook (*.xlsx)", then import again (a CSV file is named .csv)
error-worksheet = { $path }: sheet { $sheet }: { $reason }
error-unpacked = { $path }: the workbook unpacks to { $mib } MiB, more than the { $max_mib } MiB a sheet's table could need: it is refused (save the table alone in a new workbook)
error-cell-beyond = cell { $cell } is beyond column { $last }: the table must fit in { $columns } columns; delete what is there
error-too-many-cells = more than { $max } cells filled in: this is no sheet's table
error-no-header = no header row with the columns 課, No. and 組織目標
error-no-header-in-workbook = { $path }: no worksheet has a header row with the columns 課, No. and 組織目標
error-no-rows = { $path }: the table has no row to import
error-empty-division-name = the division's name (課) is empty
error-ward-unreadable = { $path } cannot be read, so no division is added to it: { $first }
error-division-exists = { $ward } already has a division { $name }
error-watch = cannot watch { $path }: { $reason }
error-watcher-stopped = the file watcher stopped
error-ask-ward = { $folder } is a new ward folder, and its name says no ward's name mokuhyo can read: give it with --ward (e.g. --ward 西区)
error-ask-fiscal-year = { $folder } is a new ward folder, and its name says no fiscal year (such as r7 or 2025): give it with --fiscal-year (e.g. --fiscal-year 2025)
error-not-sound = { $path } has { $errors } error(s): next year is made from a sound ward; mend it first (mokuhyo check)
error-serve-not-loopback = listening on { $addr } would let anyone on the network open the sheets. To serve the network, make accounts to sign in with (mokuhyo user add --users users.toml NAME --division 課) and start with --users users.toml; for this PC only, listen on 127.0.0.1 (e.g. --listen 127.0.0.1:8080)
error-serve-listen = cannot listen on { $addr }: { $reason }. Is another program using it? Try another port (e.g. --listen 127.0.0.1:8081)
error-serve-privileged-port = port { $port } needs administrator rights. Use a port from 1024 up (e.g. --listen 0.0.0.0:8080)
error-users-file = cannot read the users file { $path }: { $reason } (mokuhyo user can write it anew)
error-bad-user-name = the user name `{ $name }` cannot be used (empty, or with `:`, control or invisible characters)
error-user-exists = the user `{ $name }` is there already; mokuhyo user passwd changes a password
error-no-such-user = there is no user `{ $name }` (mokuhyo user list lists them)
error-password-too-short = the password is too short: use { $min } characters or more
error-passwords-differ = the two passwords typed differ; nothing was changed
error-no-password = cannot read the password: { $reason } (--password-stdin reads it from standard input)
error-random = hashing the password failed: { $reason }
error-unknown-division = no ward in { $sheets } has the division `{ $name }`: check its name (--force adds it all the same, for a division yet to come)
error-unknown-division-like = { $sheets } has no division `{ $name }`: did you mean `{ $like }`? (the width of a character or a space differs; --force adds it as it is)
error-unknown-title = no ward in { $sheets } has a stamp box `{ $title }`: the wards' boxes (approval in ward.toml) are { $titles } (--force adds it all the same, for a box yet to come)
error-full-name-too-long = the full name `{ $name }` has { $length } characters, too many to read in a seal: use at most { $limit }
error-approve-without-title = the account `{ $name }` can approve only in a stamp box: give it a title too
error-history = cannot use the save history { $path }: { $reason }
error-tls = cannot serve HTTPS with the certificate { $cert } and the key { $key }: { $reason } (both are PEM files)
tls-no-certificate = there is no certificate (BEGIN CERTIFICATE) in { $file }
tls-no-key = there is no private key (BEGIN PRIVATE KEY) in { $file }
tls-key-mismatch = the private key { $key } is not the private key of the certificate { $cert }: give the key file issued with the certificate
tls-key-encrypted = the private key { $file } is encrypted with a passphrase (ENCRYPTED PRIVATE KEY): save it without one (e.g. openssl pkey -in the-key -out { $file })
history-locked = the history is locked by another program
history-disk-full = the disk is full
history-not-writable = the sheets folder cannot be written to
history-other = { $reason } (can the sheets folder be written to?)
error-serve-running = the folder { $folder } is already open in mokuhyo serve (process { $pid }, { $url }): open that address in a browser
error-serve-running-unknown = the folder { $folder } is already open in another mokuhyo serve: a second one is not started
error-lock = cannot lock { $path }: { $reason } (can the folder be written to?)
error-clash = { $path } would be written from both { $first } and { $second }: nothing was written; rename one of them (names are compared without case, and cut after { $max } characters)
clash-input-file = the input file { $path }
clash-ward-folder = the ward folder { $path }
clash-volume = the volume of { $path }

## What a build did.

failure-no-such-division = --division { $name }: no division of that name
failure-incomplete = { $volume }: written marked 未完成 (incomplete), without { $missing }
warning-set-smaller = { $file }: { $division } is set at { $size } pt (the form's text is { $normal } pt) to fit on one page
warning-overflow = { $file }: { $division } does not fit on one page even at the smallest text size: it continues on { $pages } pages, breaking at { $at }; shorten the text there
break-between = goals No. { $before } and No. { $no }
break-goal = goal No. { $no }
break-sheet = the sheet

## The commands' own lines.

wrote = wrote { $path }
new-guessed-ward = the ward's name 「{ $name }」 was read from the folder's name (--ward gives another)
new-guessed-year = the fiscal year { $year } ({ $label }) was read from the folder's name (--fiscal-year gives another)
wrote-rows = wrote { $path } ({ $count } rows)
wrote-sheets = wrote { $path } (a worksheet for each of { $count } divisions)
import-unchanged = { $path } holds what the table says already: left as it is
import-renamed = renamed { $from } to { $to } (the worksheet renames its division)
removed-stale = removed { $path } (stale: from an earlier build)
build-summary = built { $wards } ward(s): { $pdfs } PDF(s) written; { $errors } error(s), { $warnings } warning(s)
build-failed = build failed: { $written } file(s) written
check-summary = checked { $wards } ward(s) and { $divisions } division(s): { $errors } error(s), { $warnings } warning(s)
no-sound-division = no sound division named { $name }
no-sound-ward = no sound ward
more-than-one-ward = more than one ward: point --sheets at one ward folder
no-ward-to-export = no sound ward to export
xlsx-needs-out = an xlsx workbook is not printed: give --out FILE.xlsx
export-exists = { $path } exists already and is left as it is: --force replaces it
left-out-of-table = files with errors were left out of the table
import-refused = imported nothing: { $rows } row(s) not placed, { $others } other problem(s); no file was written
import-done = read { $divisions } division(s): { $written } file(s) written; { $unchanged ->
    [0] no file left unchanged
    [one] 1 file exists already as the table has it and was left as it is
   *[other] { $unchanged } files exist already as the table has them and were left as they are
  }; { $rows } row(s) not placed; { $files ->
    [0] {""}
   *[other] { $files } file(s) not written;{" "}
  }{ $errors } error(s) in the files written
import-date-ignored = the { $label } "{ $text }" of { $place } is not the one of ward.toml, and an import does not change ward.toml: it was not taken in. Set it in the ward's settings (ward.toml)
watching = watching { $path }: the PDFs are rebuilt whenever a file is saved (Ctrl+C to stop)
watch-built = [{ $time }] built { $pdfs } PDF(s) in { $seconds } s{ $failed ->
    [yes] , with errors
   *[no] {""}
  }
not-seconds = `{ $text }` is not a number of seconds from 0 to 86400
not-a-date = `{ $text }` is not a date: write it as YYYY-MM-DD, e.g. 2025-04-01

## Rows of a table that could not be placed (import).

column-not-read = { $sheet ->
    [none] {""}
   *[other] sheet { $sheet },{" "}
  }column { $column } 「{ $heading }」 is no column mokuhyo knows, and was not read (the columns are 区 年度 順 部 課 施策指標 No. 組織目標 位置づけ 取組名称 概要 取組指標 目標 結果 評価 目標達成状況 今後の方針 承認印)
formula-without-value = cell { $cell } of sheet { $sheet } has a formula saved without its value, so it was read as empty: open the workbook in Excel and save it, then import again
row-at = row { $line }: { $reason }
row-at-sheet = sheet { $sheet } row { $line }: { $reason }
row-no-division = no 課: the row names no division, and there is none above it
row-no-number = no No.: which goal of { $division } the row is of is not said
row-bad-number = No. `{ $text }` is not a goal number (1, 2, …)
row-bad-year = 年度 `{ $text }` is not a fiscal year (2024, or 令和6年度)
row-number-gap = No. { $no } comes before No. { $next } of { $division }: goals are numbered from 1 without gaps
row-goal-differs = { $column } differs from that of row { $first }, the first row of No. { $no } of { $division }
row-indicator-without-action = an indicator without an action (取組名称) in the goal
row-empty-cell = { $column } is empty on the first row of No. { $no } of { $division }: it is required
row-action-differs = { $column } differs from that of the action 「{ $action }」 above: an action's cells are the same on all its rows (give another 取組名称 to start another action)
row-file-exists = { $path } exists already and is left as it is (--force replaces it)
row-no-ward-file = { $path } has no ward.toml and the table has no 区 and 年度 to write one from: write it (mokuhyo new makes one)
row-too-large = { $path } would be { $mib } MiB, more than a sheet's file may be ({ $max_mib } MiB): a cell of { $division } is far too long
row-nothing-written = nothing was written: mend what is said above, then import again
row-would-lose = { $path } holds `{ $key }`, which the table has not: --force replaces a file only with all it holds, so nothing was written (add it to the table, or delete the file to replace it with less)
row-two-sheets = the worksheets 「{ $first }」 and 「{ $second }」 are both of { $division }: a division has one worksheet (delete copies and drafts, hidden ones too)
row-renamed = the worksheet names its division 「{ $division }」, no longer 「{ $former }」: { $from } is renamed { $to } and rewritten only with --force
row-file-of-another = { $path }, where { $division } would be written, is the file of another division ({ $other }): check its 順 and name
row-two-files = { $division } has two files, { $first } and { $second }: which to write is not known, so make them one, then import again
row-bad-date = 「{ $text }」 in { $cell } is not a date (write 2025-04-01, or 令和7年4月1日)
row-unsound = { $path } cannot be read as a sound division file, so the import does not replace it (not even with --force): whether the table holds all it has cannot be told. Fix { $file }{ $line ->
    [0] {""}
   *[other] , line { $line },
  } first: { $problem }
row-not-a-file = { $path } is not a file (a folder, or a link to nothing). The import does not replace it: rename or remove it, then import again.
row-rename-unclear = { $division } (order { $order }) could be the rename of more than one division ({ $others }). Check the division's name and order.
row-other-ward = "{ $table }" in { $place } is not "{ $folder }" of { $path }: the workbook is of another ward or year. Check the ward folder you import into.
row-no-division-cell = the division's cell ({ $cell }) is empty and the cover does not list this worksheet: which division it is of is not known. Write the division's name.
row-new-errors = importing would bring the { $count } error(s) above into the ward's files. Correct the table, then import again.

## The system's reasons a clerk meets.

io-not-found = there is no such file or folder
io-permission-denied = permission denied (the file may be open in another program, or read-only)
io-already-exists = it exists already
io-not-a-folder = it is not a folder
io-storage-full = the disk is full
io-read-only = the disk or folder is read-only
io-address-in-use = the address is in use by another program
io-address-not-available = the address is not one of this PC's

## The command line: help for each command and argument.

cli-help-template = {"{"}about-with-newline{"}"}
    Usage: {"{"}usage{"}"}

    {"{"}all-args{"}"}{"{"}after-help{"}"}
cli-heading-commands = Commands
cli-heading-arguments = Arguments
cli-heading-options = Options
cli-options = OPTIONS
cli-command = COMMAND
cli-help = Print help
cli-version = Print the version
cli-values = {" "}[{ $values }]
cli-default = {" "}[default: { $default }]
cli-lang = The language of messages and help: ja or en (by default from the locale; Japanese when it is unset, C or POSIX)
cli-sheets = The sheets: a folder of ward folders, or one ward folder (with ward.toml)
cli-out = Where the PDFs go: OUT/<ward folder>/…
cli-divisions = Only this division (by 課 name); repeat for more. No volume is written then
cli-no-stamps = Leave out the approval stamp boxes (a volume for the council, not the approval copy)
cli-font-paths = A folder of more fonts (searched after the embedded ones); repeat for more
cli-templates = A folder of templates that replace the embedded ones by file name (sheet.typ, …)
cli-timeout = How many seconds one PDF may take to compile before it is given up (a template that loops without end)
cli-strict = Characters no font can draw are errors (their division is not built), not warnings

cli-mokuhyo-about = 組織目標管理シートを TOML から PDF に (organization goal sheets, TOML to PDF)
cli-mokuhyo-examples =
    Examples:
      mokuhyo build                                  # sheets/ → output/
      mokuhyo build --division 地域課                  # one division only
      mokuhyo check --sheets sheets/higashi-r5
      mokuhyo new sheets/nishi-r7 企画課               # a division file to fill in
      mokuhyo import 西区.xlsx --out sheets/nishi-r7    # Excel → division files
      mokuhyo export --format xlsx --out 東区.xlsx      # every sheet as one table
      mokuhyo watch                                  # rebuild on every save
      mokuhyo --lang en check                        # messages in English

cli-build-about = Writes every division's PDF and each ward's volume
cli-build-examples =
    Examples:
      mokuhyo build                                   # sheets/ → output/
      mokuhyo build --sheets sheets/higashi-r5 --division 地域課
      mokuhyo build --pdf-standard a-2b --out archive  # PDF/A for the archive
      mokuhyo build --font-path gaiji-fonts           # a folder of fonts for rare characters
cli-build-pdf-standards = A PDF standard to conform to: a-2b, a-2u, ua-1, … (repeat to combine)
cli-build-untagged = Leave out the tags (structure for screen readers): smaller files
cli-build-jobs = How many PDFs to compile at once (default: one more than there are cores; at most 64)

cli-check-about = Checks every file and prints every problem; exits 1 if there is an error
cli-check-examples =
    Examples:
      mokuhyo check
      mokuhyo check --sheets sheets/higashi-r5 --strict   # characters no font has are errors
cli-check-strict = Characters no font can draw are errors, not warnings
cli-check-font-paths = A folder of more fonts (as for build): characters they have are not reported

cli-data-about = Prints the JSON a template receives (for writing templates, or the stock typst CLI)
cli-data-examples =
    Examples:
      mokuhyo data --sheets sheets/higashi-r5 > volume.json
      mokuhyo data --sheets sheets/higashi-r5 --division 地域課 > data.json
      typst compile --root . --font-path fonts --input data=/data.json templates/sheet.typ
cli-data-division = One division's sheet data instead of the ward's volume data

cli-new-about = Writes a division file to fill in (five goal slots, a comment on every key), and the ward's ward.toml when the ward folder is new
cli-new-examples =
    Examples:
      mokuhyo new sheets/higashi-r5 広報課
      mokuhyo new sheets/nishi-r7 企画課 --ward 西区 --fiscal-year 2025
cli-new-ward-dir = The ward's folder (made when it does not exist)
cli-new-division = The division's name (課)
cli-new-department = The department (部); the ward's name when not given
cli-new-order = Its place in the volume; after the last division when not given
cli-new-ward = For a new ward folder: the ward's name (read from the folder's name when it says one, as 西区-r7)
cli-new-fiscal-year = For a new ward folder: the fiscal year (西暦; read from the folder's name when it says one, as r7 or 2025)

cli-import-about = Reads a table (xlsx or csv, one row per indicator) into division files
cli-import-examples =
    The table has a header row naming its columns, in any order:
      区 年度 順 部 課 施策指標 No. 組織目標 位置づけ 取組名称 概要 取組指標 目標 結果 評価 目標達成状況 今後の方針
    (課, No. and 組織目標 are required). Rows of the same 課 and No. are one goal; an empty cell
    continues the row above, as merged cells come out of Excel.

    Examples:
      mokuhyo import 東区.xlsx --out sheets/higashi-r5
      mokuhyo import city.csv --out sheets            # several 区: a folder per ward
cli-import-file = The table: .xlsx (.xlsm, .xls, .ods), .csv (UTF-8 or Shift_JIS) or .json
cli-import-out = The ward folder to write into; for a table of several wards, the folder of ward folders
cli-import-force = Replace division files that exist already

cli-export-about = Writes every sheet of the ward (or city) as one flat table (a row per indicator), or as a workbook of forms laid out like the printed sheet
cli-export-examples =
    Examples:
      mokuhyo export --format xlsx --out 東区.xlsx
      mokuhyo export --sheets sheets --format csv --out city.csv   # CSV is UTF-8 with BOM for Excel
      mokuhyo export --format json                               # to stdout
      mokuhyo export --format form --out 東区.xlsx                 # the forms, a worksheet per division
      mokuhyo export --summary --format xlsx --out 評価集計.xlsx    # ○△× and 達成率 per division
cli-export-format = csv, xlsx or json: one flat table, a row per indicator; form: a workbook laid out like the printed sheet, a worksheet per division
cli-export-out = The file to write; standard output when not given (csv and json only)
cli-export-divisions = Only this division (by 課 name); repeat for more
cli-export-force = Replace the file --out names when it exists already
cli-export-blank = With --format form: the forms with empty goal rows (five slots), for divisions to fill in
cli-export-summary = The evaluation summary instead (per division ○ △ × 未評価 and 達成率, each ward's total and the city's): csv, xlsx or json

cli-next-year-about = Writes next fiscal year's ward from this one: goals, actions, indicators and targets kept, the year's evaluation (評価日, ratings, results, status, next steps) left out
cli-next-year-examples =
    Examples:
      mokuhyo next-year sheets/higashi-r5 --out sheets/higashi-r6
      mokuhyo next-year sheets/higashi-r5 --out sheets/higashi-r6 --created 2024-04-08 --clear-targets
cli-next-year-ward-dir = This year's ward folder
cli-next-year-out = The new ward folder (it must not exist)
cli-next-year-created = The new 作成日 (YYYY-MM-DD); 1 April of the new fiscal year when not given
cli-next-year-clear-targets = Empty every indicator's target (目標) too

cli-schema-about = Writes the JSON Schemas of ward.toml and of division files (for editors' TOML support)
cli-schema-examples =
    Examples:
      mokuhyo schema                 # schema/ward.schema.json, schema/division.schema.json
      mokuhyo schema --out ../schema
cli-schema-out = The folder to write ward.schema.json and division.schema.json into

cli-watch-about = Builds, then rebuilds what changed whenever a sheet or template is saved
cli-watch-examples =
    Examples:
      mokuhyo watch
      mokuhyo watch --sheets sheets/higashi-r5 --templates my-templates

cli-serve-about = Serves the sheets as web pages: each division fills in its sheet in a browser, with the printed page beside the form
cli-serve-examples =
    Examples:
      mokuhyo serve --open
      mokuhyo serve --sheets sheets/higashi-r5 --listen localhost:8080
      mokuhyo serve --users users.toml --listen 0.0.0.0:8080 --host mokuhyo.ward.local
      mokuhyo serve --users users.toml --listen 0.0.0.0:8443 --tls-cert cert.pem --tls-key key.pem --log D:\logs\mokuhyo.log
cli-serve-out = Where "make every PDF" writes: OUT/<ward folder>/…
cli-serve-listen = The address to listen on (this PC only: 127.0.0.1), or a name and port (localhost:8080)
cli-serve-open = Open the page in the browser
cli-serve-tls-cert = The server's certificate (PEM): with --tls-key, serves HTTPS
cli-serve-tls-key = The certificate's private key (PEM)
cli-serve-users = The users file (made with mokuhyo user): everyone signs in, and the network may be listened on
cli-serve-hosts = Another name the server is called by (its DNS name); requests to other names are refused. May be repeated
cli-serve-log = The file the operations log is appended to (default: .mokuhyo-serve.log in the sheets folder)
cli-listen-no-port = give an address and a port joined by ":" (e.g. 127.0.0.1:8080, localhost:8080)
cli-listen-unknown = the name "{ $name }" has no address
serve-clear-text = without HTTPS, passwords and sheets cross the network unencrypted: with a certificate, start with --tls-cert and --tls-key
serve-listening = Serving on { $url }: open this address in a browser (Ctrl+C stops).
serve-stopped = Stopped.
serve-users-kept = { $error } (until it is mended, the accounts read before keep signing in)
serve-users-gone = the users file { $path } is missing or empty (until it is mended, the accounts read before keep signing in)

cli-user-about = Manages the accounts serve signs people in with
cli-user-examples =
    Examples:
      mokuhyo user add --users users.toml chiiki --division 地域課
      mokuhyo user list --users users.toml
cli-user-add-about = Adds an account, asking for its password
cli-user-add-examples =
    Examples:
      mokuhyo user add --users users.toml chiiki --division 地域課
      mokuhyo user add --users users.toml kikaku --all
      mokuhyo user add --users users.toml somu --division minato-r6/総務課 --sheets sheets
cli-user-add-divisions = A division this person may change (by 課 name, or ward-folder/課); repeat for more
cli-user-add-all = May change every division and the ward settings, and build volumes (the planning section)
cli-user-add-sheets = The sheets whose divisions --division must name: a folder of ward folders, or one ward folder
cli-user-add-force = Add the account even when no ward has a division it names
cli-user-remove-about = Removes an account
cli-user-remove-examples =
    Examples:
      mokuhyo user remove --users users.toml chiiki
cli-user-passwd-about = Sets an account's password
cli-user-passwd-examples =
    Examples:
      mokuhyo user passwd --users users.toml chiiki
cli-user-list-about = Lists the accounts and what each may change
cli-user-list-examples =
    Examples:
      mokuhyo user list --users users.toml
cli-user-unlock-about = Lets a user name locked after failed sign-ins sign in again at once
cli-user-unlock-examples =
    Examples:
      mokuhyo user unlock --users users.toml chiiki
cli-users = The users file (written by mokuhyo user; passwords kept as hashes only)
cli-name = The user's name (the name to sign in with)
cli-password-stdin = Read the password from standard input instead of asking
user-password = Password:
user-password-again = Again:
user-added = Added the user `{ $name }` ({ $path })
user-removed = Removed the user `{ $name }` ({ $path })
user-password-set = Set the password of `{ $name }` ({ $path })
user-all = every division (and the ward settings and volumes)
user-none = { $path } has no users
user-unlocked = Unlocked the user name `{ $name }` ({ $path })
user-not-locked = The user name `{ $name }` is not locked ({ $path })
user-title-unchecked = note: no ward in { $sheets } could be read, so whether a stamp box `{ $title }` exists was not checked
users-warning-duplicate = the user name `{ $name }` is on line { $first } already: the account of this line is not used
users-warning-empty-hash = the password hash of `{ $name }` is empty: the account cannot sign in (mokuhyo user passwd sets one)
users-warning-not-argon2 = the password hash of `{ $name }` is not an argon2 hash: the account cannot sign in (mokuhyo user passwd sets a new one)

cli-completions-about = Prints a shell completion script: bash, zsh, fish, powershell or elvish
cli-completions-examples =
    Examples:
      mokuhyo completions bash > ~/.local/share/bash-completion/completions/mokuhyo
      mokuhyo completions powershell >> $PROFILE
cli-completions-shell = The shell

## The TOML parser's syntax errors a clerk meets: its own words, and a hint.

syntax-no-value = { $message }: write the key, `=` and the value on one line, as key = "value"
syntax-no-equals = { $message }: put `=` between the key and its value
syntax-unquoted = { $message }: put text in "…"
syntax-bad-string = { $message }: close the text with `"`; write a backslash as \\ (or put the text in '…'); for several lines use '''
syntax-bad-key = { $message }: a key is written in ASCII letters, digits, `_` and `-`
syntax-unclosed-header = { $message }: close the header, as [[goals]]
syntax-array = { $message }: a list is written as ["…", "…"], its items parted by commas
syntax-duplicate-key = { $message }: this key is in this table already; keep one of them (a new goal starts with its own [[goals]])
syntax-extra = { $message }: one key = value per line; put a comment after #
syntax-bad-value = { $message }: write a number without leading zeros, a date as 2024-04-01, and text in "…"

## Mistakes on the command line.

cli-error-unknown-argument = there is no option `{ $argument }`{ $suggestion ->
    [none] {""}
   *[other] : did you mean `{ $suggestion }`?
  }
cli-error-unknown-command = there is no command `{ $command }`{ $suggestion ->
    [none] {""}
   *[other] : did you mean `{ $suggestion }`?
  }
cli-error-invalid-value = `{ $value }` is not a value of { $argument }{ $valid ->
    [none] {""}
   *[other] : use one of { $valid }
  }
cli-error-bad-value = { $argument } `{ $value }`: { $reason }
cli-error-missing-argument = { $argument } must be given
cli-error-more = For what can be given: mokuhyo --help, or mokuhyo COMMAND --help

## serve: the web pages

web-title = Organization goal sheets
web-no-wards = The sheets folder holds no ward (a folder with a ward.toml).
web-not-found = There is no such page.
web-internal = Something went wrong on the server. Please try again.
web-unreadable = This file cannot be read as TOML, so it cannot be opened in the browser. Fix these problems in a text editor.
web-if-match-required = Saving needs the version the page was loaded at (If-Match). Reload the page.
web-saved-by-someone-else = Someone else saved first. Nothing was written.
web-bad-choices = The choices sent with the save cannot be read. Nothing was written.
web-bad-restore-part = No goal or field is named to restore. Nothing was written.
web-merge-conflict = Someone else changed the same fields first. Choose, field by field, which to keep. Nothing was written.
web-merged = Saved, together with { $count } change(s) someone else saved.
web-merged-elsewhere = Someone else saved this sheet. When you save, the two are put together field by field.
web-merge-title = Someone else changed the same fields
web-merge-help = Your other fields are saved. These fields now hold what was saved first: choose for each.
web-merge-place = Field
web-merge-keep-mine = Use mine
web-merge-keep-theirs = Keep as saved
web-merge-deleted = (deleted)
web-merge-settled = Saved as you chose.
web-history-restore-field = Put this field back
web-division-name-taken = The ward already has a division called “{ $name }” ({ $file }). Give this division another name. Nothing was written.
web-over-limit = This is more than a sheet holds, so nothing was saved. Fix the problem below.
web-pdf-failed = The PDF could not be made.
web-summary-no-ward = this ward's ward.toml has errors: no summary can be made; correct the ward's settings
web-summary-xlsx = Evaluation summary (Excel)
web-summary-csv = Evaluation summary (CSV)
web-col-order = No.
web-col-division = Division
web-col-state = State
web-col-goals = Goals
web-col-rated = Rated
web-col-saved = Last saved
web-open = Open
web-pdf = PDF
web-volume-pdf = Volume PDF
web-build-all = Make every PDF
web-building = Making the PDFs…
web-built = Made { $written } PDF(s) in { $out } ({ $errors } error(s), { $warnings } warning(s)).
web-failed = That did not work.
web-state-ok = No problems
web-state-errors = { $count } error(s)
web-state-warnings = { $count } warning(s)
web-state-not-started = not started
web-state-in-progress = being evaluated
web-state-evaluated = evaluated
web-state-written = written
web-board-errors = with errors
web-board-counts = { $count } divisions: { $states }
web-board-only-open = Only the divisions not done
web-ward-file-problems = ward.toml has { $count } error(s).
web-evaluated = evaluated
web-back = Back to the list
web-save = Save
web-saving = Saving…
web-saved = Saved.
web-unsaved = There are unsaved changes.
web-saved-with-errors = Saved, with { $count } error(s) (it cannot be printed until they are fixed).
web-header = Organization
web-order = Place in the volume
web-department = 組織名（部） department
web-division = 組織名（準部・課・機関名） division
web-policy-indicators = Related policy indicators (one per line)
web-goal = Goal { $no }
web-goal-text = Text (組織目標)
web-plan-ref = 総合計画上の位置づけ plan reference
web-rating = 評価 rating
web-rating-none = not rated
web-rating-achieved = ○ achieved
web-rating-partly = △ partly achieved
web-rating-missed = × not achieved
web-status = 目標達成状況 status
web-next-steps = 今後の方針 next steps
web-action = Action { $no }
web-action-name = 取組名称 action
web-summary = 概要 summary
web-indicator = Indicator { $no }
web-indicator-name = 取組指標 indicator
web-target = target
web-result = result
web-add-goal = Add a goal
web-add-action = Add an action
web-add-indicator = Add an indicator
web-remove = Remove
web-move-up = Up
web-move-down = Down
web-preview = Printed page
web-preview-waiting = The printed page is updated once the errors are fixed.
web-preview-size = Set at { $size } pt to fit one page.
web-preview-pages = Takes { $pages } pages (it does not fit one page even at the smallest size).
web-problems = Problems
web-problems-none = No problems.

## Problems in the page's words (places by the sheet's headings, no TOML keys)

web-problem-no-goal-yet = No goal is written yet. Start with { $place }.
web-problem-no-goal = This division has no goal. Add one with “Add a goal”.
web-problem-no-action = This goal has no action. Fill in { $place }.
web-problem-no-indicator = This action has no indicator. Fill in { $place }.
web-problem-empty-name = { $place } is empty: the sheet needs the name.
web-problem-rated-without-result = The goal is rated, but none of its indicators has a result.
web-problem-evaluation-without-date = Ratings or results are written, but the ward settings have no evaluation date: the sheet would print without one. The planning section enters it in the ward settings.
web-problem-empty-ward-name = The ward's name is empty.
web-problem-no-glyph = no font has { $chars }: printed as empty boxes. Write ordinary characters instead (a rare kanji as its common form, or in a note).
web-problem-controls = { $chars }: control characters print as nothing; delete them.
web-problem-order-taken = Order { $order } is used by { $by }: give each division its own order in the volume.
web-problems-errors = { $count } error(s)
web-problems-warnings = { $count } warning(s)
web-problems-go = Press to go to the field.
web-undo = Undo
web-undo-what = Undo removing “{ $what }”
web-removed = Removed “{ $what }”. Undo or Ctrl+Z brings it back (until you save).
web-undone = “{ $what }” is back.
web-kept-title = There is text you have not saved
web-kept-help = Text typed on this division's page at { $when } and not saved is still in this browser.
web-kept-older = The division was saved again since: saving this text compares it with the newer version.
web-kept-take = Bring it back
web-kept-discard = Discard
web-kept-taken = Your unsaved text is back: check it and save.
web-kept-discarded = The unsaved text was discarded.
web-kept-merged = Text typed in { $count } tabs and not saved is still in this browser (the last at { $when }). It is in different fields, so it can be brought back together.
web-kept-several = { $count } unsaved texts are kept (newest first). Choose the one to bring back; the others are offered again next time.
web-kept-older-short = (the division was saved again since)
web-kept-take-when = Bring back the text of { $when }
web-kept-discard-all = Discard all
web-other-tabs = This division is open in another tab of this browser too. Each tab keeps its own text; save in one tab only.
web-sign-out-unsaved = There is text you have not saved. It stays in this browser after you sign out and is offered back when this account signs in again; it is shown to no other account. Sign out?
web-read-only-other-division = You can read this division's sheet. This account may change the sheets of { $divisions } only.
web-read-only-submitted = Submitted: you can only read this sheet. To change it, withdraw it or have it returned.
web-submit-confirm = Once submitted, this sheet cannot be changed until it is withdrawn or returned. Unsaved changes are not submitted. Submit it?
web-name-spaces = The name begins or ends with a space: delete it.
web-name-invisible = The name has an invisible character in it ({ $chars }): delete it.
web-name-taken-here = “{ $other }” is the name of another division of this ward: choose another name.
web-order-needed = Write the order in the volume as a number: 1, 2, 3, … It cannot be saved empty or not a number.
web-add-first = Press “{ $button }” to add { $what }.
web-name-refused = The division cannot be saved with this name: put right what is said at the name. Nothing was written.
web-name-empty = The name is empty: the sheet needs the name.
web-name-empty-refused = A division cannot be saved without its name: fill in the division name. Nothing was written.
web-name-look-alike = This looks like “{ $name }” but differs in width, spaces or invisible characters. For the same division write “{ $name }”.
web-name-not-yours = Only an account for every division (the planning section) can rename a division: keep “{ $name }”.
web-zoom = Zoom
web-zoom-in = Zoom in
web-zoom-out = Zoom out
web-zoom-fit = Fit to width
web-zoom-full = Actual size
web-severity-error = Error
web-severity-warning = Warning
web-zoom-wide = Widen the printed page
web-zoom-narrow = Back to the normal width

web-conflict-title = Someone else saved first
web-conflict-help = Your text is still here. The differences are shown side by side: choose which to keep.
web-conflict-mine = Your text
web-conflict-theirs = As saved
web-conflict-keep-mine = Save mine again
web-conflict-take-theirs = Load what is saved (drop mine)
web-sign-in = Sign in
web-sign-out = Sign out
web-user-name = User name
web-password = Password
web-sign-in-failed = Wrong user name or password.
web-sign-in-needed = Please sign in (user name and password; scripts use HTTP Basic).
web-sign-in-wait = Sign-ins have failed several times: please wait { $seconds } seconds and try again.
web-sign-in-locked = After repeated failed sign-ins this user name is locked for { $minutes } more minutes; an administrator can unlock it (mokuhyo user unlock).
web-other-origin = Requests from another site's pages are not accepted.
web-csrf = This request cannot be told to come from this page. Reload the page.
web-other-host = This request is not for this server (its Host is another). Open the server's own address.
web-bad-request = The request cannot be read.
web-json-unreadable = The JSON sent cannot be read.
web-json-shape = The JSON sent is not of the expected shape.
web-missing-field = The field { $field } is missing.
web-json-at = At line { $line }, column { $column }.
web-not-json = Send JSON (Content-Type: application/json).
web-too-large = What was sent is too large.
web-method-not-allowed = That cannot be done at this address.
web-use-https = This server speaks HTTPS. Open { $url }
log-started = started: listening on { $addr }
log-signed-in = signed in: { $who } ({ $from })
log-sign-in-failed = sign-in failed: { $who } ({ $from })
log-saved = saved: { $ward }/{ $file } ({ $who })
log-restored = restored: { $ward }/{ $file } to version { $id } ({ $who })
log-changed-outside = changed outside the browser: { $ward }/{ $file }
log-refused = refused { $status }: { $method } { $path } ({ $who }, { $from })
log-more-refused = { $count } more refused or failed sign-ins from { $from } (at most 30 a minute are logged)
log-sign-in-waiting = sign-in put off: { $who } ({ $from }) failed too often; the password is not checked until the wait is over
log-history-made-again = the save history { $path } was deleted, and is made again; the versions it held are gone.
log-history-failed = cannot use the save history { $path }: { $reason }
web-forbidden = You may not change this division: only the divisions given to your account.
web-forbidden-all = Only an account with every division (the planning section) may do this.
web-this-pc = this PC
web-history = History
web-history-a = Compare (before)
web-history-b = Compare (after)
web-history-when = Saved at
web-history-who = Saved by
web-history-outside = outside the browser
web-history-restore = Put this version back
web-history-restore-item = Put { $item } back
web-history-compare = Choose two versions to see what differs.
web-history-same = The two versions do not differ.
web-history-restored = The version of { $when } is put back and saved.
web-close = Close
web-changed-on-disk = This sheet was saved elsewhere; its new content is loaded.
web-ward-settings = Ward settings
web-ward-name = Ward (or bureau) name
web-fiscal-year = Fiscal year (the year it starts: April to the next March; 2023 is Reiwa 5)
web-fiscal-year-needed = Enter the fiscal year as a Western year (2025 is Reiwa 7). Nothing was saved.
web-created = Created on
web-evaluated-date = Evaluated on (after the year-end evaluation; empty for the April edition)
web-interim = Interim evaluation (during the year; PDF names end in _中間評価)
web-approval = Approval stamp boxes (one per line, from the left; none when empty)
web-ward-read-only = You can read the ward settings. Only an account for every division (the planning section) can change them.
web-forbidden-ward = Only an account for every division (the planning section) can change the ward settings (ward.toml).

# Submission and approval
user-approves = approves as { $title }
cli-user-add-approve = May approve and return the sheets this account may change (in the box of --title)
cli-user-add-title = The title of the stamp box it approves in (one of ward.toml's approval): 課長
cli-user-add-full-name = The name its electronic seal prints: 山田太郎 (else the account's name)
cli-no-draft-mark = No 「案」 (draft) mark on the sheets not yet approved
problem-unknown-stamps = stamps is "paper" (stamped on paper) or "electronic" (seals printed), not `{ $written }`
error-approvals = cannot read or write the record of submissions and approvals { $path }: { $reason }
web-approval-save-submitted = This sheet has been submitted and waits for approval. To change it, withdraw it or have it returned.
web-approval-comment-needed = Write why the sheet is returned.
web-approval-has-errors = A sheet with errors cannot be submitted. Fix them first.
web-approval-no-right = You may not approve. Sign in with an account that has the approval right.
web-approval-not-yours = You may not approve `{ $division }`.
web-approval-already-submitted = This sheet has been submitted already.
web-approval-not-submitted = This sheet has not been submitted.
web-approval-already-approved = Its approval has begun: it cannot be withdrawn. Have it returned instead.
web-approval-changed = The file changed after it was submitted. It has to be submitted again.
web-approval-not-next = The next box to approve is `{ $next }` (yours is `{ $title }`).
web-approval-complete = This sheet is already approved.
web-approval-complete-no-return = Every box has approved this sheet: it can no longer be returned. A sheet can be returned only until its approval is complete.
web-approval-comment-too-long = Write the reason for returning in at most { $limit } characters (it has { $length }).
web-stage-submitted-changed = Changed after submission (submit again)
web-ward-unreadable = The ward settings (ward.toml) have errors: no approval board can be shown.
log-submitted = submitted: { $ward }/{ $division } ({ $who })
log-withdrawn = withdrawn: { $ward }/{ $division } ({ $who })
log-approved = approved: { $ward }/{ $division } ({ $who })
log-returned = returned: { $ward }/{ $division } ({ $who })
log-approvals-made = there was no approval record { $path }: a new one was made. Unless this is the ward's first submission, the record's file was removed (the earlier submissions and approvals are gone): restore it from the backup.
web-decision = Approval
web-stage-draft = In progress
web-stage-submitted = Submitted
web-stage-submitted-step = Submitted (approved by { $step })
web-stage-returned = Returned
web-stage-approved = Approved
web-stage-changed = Changed after approval (submit again)
web-submit = Submit
web-withdraw = Withdraw
web-approve = Approve
web-return = Return
web-return-comment = Why it is returned
web-returned-comment = Returned: { $comment }
web-approval-next = Next: the { $next } approves.
web-approval-by = { $by } ({ $at })
web-overdue = Overdue
web-filter = Show:
web-filter-all = All
web-approval-counts = in progress { $draft }, submitted { $submitted }, returned { $returned }, approved { $approved }, overdue { $overdue }
web-approval-deadline = Deadline: { $deadline }
cli-status-about = Shows where each ward's sheets are in submission and approval (the board)
cli-status-examples =
    Examples:
      mokuhyo status
      mokuhyo status --sheets sheets
status-ward = { $ward } ({ $folder })
status-deadline = Deadline: { $deadline }
status-overdue = [overdue]
status-errors = [has errors: see mokuhyo check]
status-comment = returned: { $comment }
status-counts = in progress { $draft }, submitted { $submitted }, returned { $returned }, approved { $approved }, overdue { $overdue }
status-ward-unreadable = { $folder }: ward.toml has errors (see mokuhyo check)
web-approval-record = Record of steps
web-event-submit = submitted
web-event-withdraw = withdrawn
web-event-approve = approved ({ $step })
web-event-return = returned
web-event-line = { $when }  { $what }  { $by } (version { $version })  { $comment }
web-year-closed = This year is closed: it can only be read. To change it, ask the planning section to reopen the year.
web-bad-folder = That name cannot be a folder's: give one name without /, \ or :, not starting with a dot.
web-exists = “{ $name }” exists already. Choose another name.
web-division-exists = This ward has a division { $name } already. Choose another name.
web-uploaded-file = the uploaded file
web-upload-would-lose = The division { $division } has { $place }, which the uploaded workbook lacks: it would be lost, so nothing is written. Add it to the workbook and upload again.
web-user-exists = The account { $name } exists already. To change its password, use its “Reset password”.
web-no-such-user = There is no account { $name }. Reload the page and check the list.
web-ask-ward = Give the ward's name (e.g. 西区).
web-folder-too-long = The folder name is too long: { $max } characters at most.
web-folder-reserved = Windows keeps “{ $name }” for itself: it cannot be a folder's name. Choose another.
web-year-far = The fiscal year must be from { $first } to { $last }.
web-created-outside-year = The creation date must be within its fiscal year (from { $start } to { $end }).
web-sheets-is-a-ward = The sheets folder is one ward's folder, so no ward can be added inside it. Give mokuhyo serve --sheets a folder of ward folders.
web-next-year-not-sound = This ward has { $count } errors, so next year's ward cannot be made. Correct them first.
web-no-users-file = The server runs without a users file, so there are no accounts (start it with mokuhyo serve --users).
log-ward-made = Ward made: { $ward } ({ $who })
log-division-made = Division made: { $ward }/{ $file } ({ $who })
log-year-closed = Year closed: { $ward } ({ $who })
log-year-reopened = Year reopened: { $ward } ({ $who })
log-user-added = Account added: { $name } ({ $who })
log-user-changed = Account changed: { $name } ({ $who })
log-user-removed = Account removed: { $name } ({ $who })
web-import-refused = This file cannot be imported, for the reasons below (nothing was written).
log-imported = Imported: { $count } files of { $ward } ({ $who })
serve-listening-network = Serving. From the PCs of the same network, open one of these addresses in a browser (Ctrl+C stops it):
web-back-to-list = Back to the list
web-planning = The year's work
web-new-ward = New ward (year)
web-folder = Folder name (ASCII letters and digits, e.g. nishi-r7)
web-ward-made = The ward was made.
web-make = Make
web-closed = Closed
web-division-name = Division (課)
web-division-made = The division was made.
web-new-division = Add a division
web-excel-forms = Excel forms
web-volume-pdf-no-stamps = Volume PDF (no stamp boxes)
web-next-created = Next year's 作成日 (1 April when empty)
web-next-year-made = Next year's ward was made.
web-next-year = Make next year
web-next-year-says = Makes next year's ward from this one: goals, actions and indicators kept, the evaluation (評価日, ratings, results) left out. This year stays as it is.
web-reopen-year = Reopen the year
web-reopen-says = Reopen this year, so that the divisions can write in it again?
web-close-year = Close the year
web-close-says = Close this year? Division accounts can then only read it (the planning section can reopen it).
web-accounts = Accounts
web-account-name = User name
web-account-may-change = May change
web-account-divisions = Divisions (several separated by 、 or ,)
web-account-all = Every division (planning section)
web-account-added = The account was added.
web-account-add = Add an account
web-add = Add
web-account-locked = Locked after failed sign-ins
web-password-reset = Reset the password
web-password-new = New password (at least 8 characters)
web-password-again = Once more (to be sure)
web-password-mismatch = The two passwords differ: type the same one twice.
web-password-changed = The password is changed: the new one is used from the next sign-in.
web-password-set = Change
web-unlock = Unlock
web-account-remove-says = Remove the account “{ $name }”?
web-whole-ward = Every division of the ward
web-download = Download
web-download-blank = Blank form
web-upload = Import a filled form
web-upload-says = Choose the filled Excel file: what it would change is shown first. Check it, then press “Import”. If anything cannot be imported, nothing is written.
web-upload-preview = See what changes
web-upload-apply = Import
web-upload-new-division = new division
web-upload-place = Where
web-upload-before = Now
web-upload-after = After the import
web-upload-nothing = Nothing would change.
web-upload-lost = Would be lost
web-upload-written = Imported
web-upload-checked = This is what changes. If it is right, press “Import”.
web-upload-added = (added)
web-upload-removed = (removed)
web-division-pdfs-rename-remove = Each division's PDF, rename or remove a division
web-rename = Rename
web-division-new-name = Enter the division's new name (its history of saves goes with it).
web-division-remove-says = Remove the division “{ $name }”? Its file is moved into the ward folder's .removed folder, and its history of saves is kept.
log-division-renamed = Division renamed: { $ward }/{ $file } ({ $who })
log-division-removed = Division removed (moved into .removed): { $ward }/{ $file } ({ $who })
web-account-no-such-division = No ward has a division “{ $name }”. Check the name (a division yet to come is added first, under “The year's work”).
web-account-not-yourself = You cannot remove the account you are signed in with. Remove it from another planning section's account.
web-account-last-all = This is the only account with every division: it can be neither removed nor limited to some divisions. Add another account with every division first.
web-division-order-zero = The order must be 1 or more.
web-division-order-taken = Order { $order } is taken by the division { $division }. Choose a free one, or leave it empty (the next free one is taken).
web-account-did-you-mean = Did you mean “{ $name }”?
web-account-no-such-title = No ward has a stamp box “{ $title }”. The wards' boxes are { $titles }.
web-account-approve = Approves (the right to approve)
web-account-title = Title (stamp box)
web-account-full-name = Full name (printed in the seal)
web-account-approval = Approval, title, full name
web-account-no-title = (none)
web-account-change = Change
web-account-changed = Changed.
web-pdf-no-stamps = PDF (no stamp boxes)
