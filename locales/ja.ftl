# mokuhyo のメッセージ（日本語）。ここの id はすべて en.ftl にもあります（テストで確認）。
# キー・ファイル名・データは引数で、`key` や「…」で囲んで示します。訳さないでください。

## 問題の示し方：`ファイル:行:列: エラー: `キー`: メッセージ`

severity-error = エラー
severity-warning = 警告

## フォルダーとファイルの問題

problem-cannot-read-sheets = シートのフォルダーを読めません：{ $reason }
problem-no-ward = ここには区のフォルダーがありません。区は `ward.toml` のあるフォルダーです（例：sheets/higashi-r5/ward.toml）。
problem-cannot-read-ward = 区のフォルダーを読めません：{ $reason }
problem-no-division = この区には課のファイルがありません。ward.toml と同じフォルダーに、課ごとに TOML ファイルを一つ置いてください。
problem-cannot-read-file = ファイルを読めません：{ $reason }
problem-not-a-file = これはファイルではありません（フォルダー、パイプまたはデバイス）。シートは TOML ファイルです。
problem-too-large = ファイルが { $mib } MiB あります。シートのファイルは数 KiB で、読むのは { $max_mib } MiB までです。正しいファイルか確認してください。
problem-not-a-sheet-file = 課のファイルの名前ですが、{ $what ->
    [folder] フォルダーです
    [dangling_link] 存在しないファイルへのリンクです
   *[other] ファイルではありません（パイプまたはデバイス）
  }。読み込みから外しました。
problem-rename-to-toml = 課のファイルとして読みました。どのツールでも課のファイルと分かるよう、名前を `{ $stem }.toml` に変えてください。
problem-not-utf8 = ファイルの文字コードが UTF-8 ではなく { $encoding } です。{ $encoding } として読みましたが、他のツールでは読めないことがあります。UTF-8 で保存し直してください（メモ帳：名前を付けて保存 → 文字コード UTF-8）。
problem-not-text = ファイルが UTF-8 でも Shift_JIS でもないため、文字を読めません。UTF-8 で保存し直してください（メモ帳：名前を付けて保存 → 文字コード UTF-8）。
problem-broken-utf16 = ファイルは { $encoding } のように始まりますが、ここに壊れた文字があります。UTF-8 で保存し直してください。
problem-bad-shift-jis-byte = ここまでは Shift_JIS ですが、ここに Shift_JIS でも UTF-8 でもないバイトがあります。この文字を直すか、UTF-8 で保存し直してください（メモ帳：名前を付けて保存 → 文字コード UTF-8）。
problem-more-problems = このファイルには、ほかに { $count } 件の問題があります。まず上の問題を直してください。
problem-order-taken = 順番 { $order } は { $by }:{ $line }:{ $column } で使われています。課ごとに冊子の中での順番を変えてください。
problem-duplicate-division = 課「{ $name }」は { $first } にもあります。一つの課のファイルは一つです（まとめるか、どちらかの名前を変えてください）。
problem-nested-ward = 区のフォルダー { $folder } が、別の区のフォルダーの中にあります。build と check はこれを読みません。シートのフォルダーの直下に移してください。

## TOML の書き方・キー・値の種類の問題

problem-syntax = TOML の書き方の誤りです（{ $message }）。
problem-unreadable = 値を読めません（{ $message }）。
problem-unknown-key = { $table ->
    [none] ここに
   *[other] `{ $table }` に
  }キー `{ $key }` はありません。{ $suggestion ->
    [none] {""}
   *[other] `{ $suggestion }` の誤りではありませんか。
  }（使えるキー：{ $keys }）
problem-missing-key = { $table ->
    [none] このファイル
   *[other] この [[{ $table }]] の表
  }に `{ $key }` がありません。`{ $key } = { $example }` のように書き加えてください。
problem-wrong-type = この値は{ $found }ですが、{ $expected }で書いてください。{ $unquoted ->
    [none] {""}
   *[other] 引用符を外して { $unquoted } と書きます。
  }
problem-not-a-table = この値は{ $found }で、表ではありません。{ $expected }で書いてください。
problem-one-table = ここは表が一つ（[{ $table }]、または前に [[{ $table }]] のない [[{ $table }.…]]）ですが、[[{ $table }]] の表が一つ以上必要です。それぞれを [[{ $table }]] で始めてください。

found-string = 文字列
found-integer = 整数
found-float = 小数
found-boolean = true/false
found-date = 日付
found-array = 配列
found-table = 表

expected-text = 「"地域課"」のように引用符で囲んだ文字列
expected-integer = 「1」のように引用符なしの整数
expected-flag = 「true」か「false」（引用符なし）
expected-date = 「2023-04-01」のように引用符なしの日付
expected-texts = 「["…", "…"]」のように引用符で囲んだ文字列の並び
expected-tables = 一つ以上の [[…]] の表

## 日本語入力（IME）での打ち間違い：それぞれ、何を打てばよいかを示します。

problem-full-width-equals = 「＝」が全角です。半角の「=」を打ってください（IME をオフにするか、F10 キーで半角にできます）。
problem-full-width-space = 引用符の外に全角スペース（　）があります。TOML では半角スペースしか使えません。消すか、半角スペースにしてください。
problem-unquoted = 値「{ $value }」が引用符で囲まれていません。文字は { $key } = "{ $value }" のように "…" で囲んでください。
problem-curly-quotes = 「{ $quote }」では文字列を囲めません。半角の " で囲んでください（{ $key } = "…"）。「」や “” は引用符の内側なら使えます。
problem-newline-in-string = "…" の中で改行しています。複数行にするときは、前後を ''' で囲んでください（{ $key } = '''…'''）。
problem-full-width-digits = 「{ $written }」は全角数字です。半角で { $digits } と打ってください。
problem-full-width-brackets = 「{ $written }」のかっこが全角です。半角で { $header } と打ってください。
problem-full-width-hash = 「＃」が全角のため、この行はコメントになりません。半角の「#」を打ってください。
problem-japanese-key = キーは TOML のとおり半角英字で書きます。{ $suggestion ->
    [none] 使えるキー：{ $keys }
   *[other] 「{ $key }」は `{ $suggestion }` のことではありませんか。
  }

## シートの決まり

problem-too-many-stamps = 承認印の欄が { $count } 個あり、入りきりません。{ $max } 個までにしてください。
problem-empty-stamp = 承認印の欄の名前が空です。
problem-empty-ward-name = 区名が空です（例：ward = "東区"）。
problem-bad-fiscal-year = { $year } は印刷できる年度ではありません。年度の始まる年を西暦で書いてください（令和５年度なら 2023）。
problem-evaluated-before-created = 評価日 { $evaluated } が作成日 { $created } より前です。
problem-created-outside-year = 作成日 { $created } が{ $year }（4月1日〜3月31日）の中にありません。日付か年度の書き間違いではありませんか。
problem-evaluated-before-year-end = 評価日 { $evaluated } が年度の終わり（{ $year_end }）より前です。評価は年度末の後に行います。日付の書き間違いではありませんか。
problem-far-fiscal-year = 年度 { $year } は今年度（{ $this_year }）から離れています。書き間違いではありませんか。
problem-evaluation-without-date = 評価や結果が書かれていますが、ward.toml に評価日（evaluated）がありません。このままでは評価日が空のまま印刷されます。ward.toml に evaluated = 年-月-日 を書き加えてください。
problem-invisible-in-name = 「{ $name }」に見えない文字（{ $chars }）が入っています。印刷されず、ファイル名からも除かれます。消してください。
problem-not-a-plain-date = 「{ $written }」は日付だけの形ではありません。2023-04-01 のように 年-月-日 で書いてください。
problem-before-eras = { $date } は 1873-01-01（明治6年）より前で、和暦で印刷できません。
problem-bad-order = { $order } は冊子の中の順番になりません。1, 2, 3, … を使ってください。
problem-empty-name = `{ $key }` が空です。シートには名前が必要です。
problem-no-goal = この課には組織目標がありません。[[goals]] の表を一つ以上書き加えてください。
problem-no-goal-yet = この課の組織目標はまだ書かれていません。[[goals]] の表の一つ以上に本文（text）を書いてください。
problem-too-many-goals = 組織目標が { $count } 件あります。シートに入るのは { $max } 件まで（正式なシートは5件）です。分けてください。
problem-extra-goals = 組織目標が { $count } 件あります。正式なシートの行は No.1〜{ $rows } で、それより後は行を足して印刷します。
problem-empty-goal-text = 組織目標の本文が空です。
problem-not-a-rating = 「{ $mark }」は評価になりません。○（達成）、△（一部未達成）、×（未達成）のいずれかを書くか、空けておいてください。
problem-rated-without-result = 評価が書かれていますが、どの取組指標にも結果（`result`、Ｒ結果）がありません。
problem-unrated = 評価日が書かれていますが、この組織目標には評価（○・△・×）がありません。評価集計では未評価とし、達成率はすべての組織目標に対して計算します。
problem-only-spaces = 空白だけが書かれています。シートには何も印刷されません。値を書くか、"" にしてください。
problem-no-action = この組織目標には主な取組がありません。下に [[goals.actions]] の表を書き加えてください。
problem-too-many-actions = 一つの組織目標に主な取組が { $max } 件を超えています。シートに印刷できません。
problem-too-many-indicators = 一つの取組に取組指標が { $max } 件を超えています。シートに印刷できません。
problem-no-indicator = この取組には取組指標がありません。下に [[goals.actions.indicators]] の表を書き加えてください。

## 印刷されない文字

problem-no-glyph = { $place } の { $chars } は、どのフォントにもないため空の四角で印刷されます。通常の文字に書き換えるか（外字は常用の漢字か注記に）、その文字のあるフォントを --font-path で加えてください。
problem-controls = { $place } の { $chars } は制御文字で、印刷されません。消してください。
text-place = { $division ->
    [none] {""}
   *[other] { $division }・
  }{ $goal ->
    [none] {""}
   *[other] No.{ $goal }・
  }`{ $key }`

## コマンドを止めたエラー

error-prefix = エラー
error-read = { $path } を読めません：{ $reason }
error-write = { $path } に書き込めません：{ $reason }
error-create-folder = { $path } を作れません：{ $reason }
error-exists = { $path } はすでにあります。そのままにしました。
error-inside-ward = 新しい年度の区のフォルダー { $out } が、元の区のフォルダー { $ward } の中にあります。区のフォルダーの中の区は build と check で読まれません。--out には { $ward } の外のフォルダー（たとえば隣のフォルダー）を指定してください。
error-not-a-file = { $path } はファイルではありません。
error-sheets-folder = シートのフォルダー { $path } を読めません：{ $reason }
error-no-font-folder = --font-path { $path }：そのフォルダーはありません。
error-font = フォント { $path } を読めません：{ $reason }
error-templates-folder = --templates { $path }：{ $reason }
error-template-outside = { $path } はテンプレートのフォルダーの外（{ $target }）へのリンクです。テンプレートが読めるのはフォルダーの中のファイルだけです。
error-no-template = テンプレート「{ $name }」がありません。
error-timed-out = templates/{ $template }：{ $seconds } 秒で打ち切りました。テンプレートが終わらないか、際限なく大きくなります（直してください。上限は --timeout で変えられます）。
error-panicked = templates/{ $template }：組版が結果なしで止まりました（typst の内部エラー）。
error-thread = { $template } を組版するスレッドを始められません：{ $reason }
error-outside-eras = { $what }は 1873-01-01（明治6年）より前で、和暦で印刷できません。
error-fiscal-year = { $year } 年度
error-serialize = データを JSON にできません：{ $reason }
error-pdf-standards = --pdf-standard：{ $message }
error-unknown-standard = PDF の規格「{ $name }」はありません。次のいずれかを使ってください：{ $names }
error-export = PDF の書き出し：{ $message }
error-hint = （ヒント：{ $hint }）
error-unknown-table-format = { $path }：読める表ではありません。.xlsx、.csv または .json のファイルを指定してください。
error-table-too-large = { $path }：{ $mib } MiB はシートの表としては大きすぎます（読むのは { $max_mib } MiB まで）。
error-csv-read = CSV を読めません：{ $reason }
error-csv-write = CSV を書けません：{ $reason }
error-xlsx-write = ブックを書けません：{ $reason }
error-json-rows = JSON が行の配列になっていません：{ $reason }
error-workbook = ブック { $path } を開けません：{ $reason }
error-workbook-password = ブック { $path } にはパスワードが掛かっているため、読めません。Excel でパスワードを外して（「ブックの保護」の「パスワードを使用して暗号化」を空にして）保存し直してから、もう一度取り込んでください。
error-not-a-workbook = ブック { $path } を開けません。Excel のブック（.xlsx）ではないか、壊れているためです。Excel で開けるか確かめ、「Excel ブック (*.xlsx)」で保存し直してから、もう一度取り込んでください（CSV なら拡張子を .csv にします）。
error-worksheet = { $path }：シート「{ $sheet }」：{ $reason }
error-unpacked = { $path }：ブックを展開すると { $mib } MiB になり、シートの表に要る { $max_mib } MiB を超えるため読みません（表だけを新しいブックに保存してください）。
error-cell-beyond = セル { $cell } が { $last } 列より右にあります。表は { $columns } 列に収めてください。そこにあるものを消してください。
error-too-many-cells = { $max } を超えるセルに記入があります。シートの表ではありません。
error-no-header = 課、No.、組織目標 の列がある見出し行がありません。
error-no-header-in-workbook = { $path }：課、No.、組織目標 の列がある見出し行のシートがありません。
error-no-rows = { $path }：取り込む行がありません。
error-empty-division-name = 課の名前が空です。
error-ward-unreadable = { $path } を読めないため、課を加えませんでした：{ $first }
error-division-exists = { $ward } には課「{ $name }」がすでにあります。
error-watch = { $path } を見張れません：{ $reason }
error-watcher-stopped = ファイルの見張りが止まりました。
error-ask-ward = { $folder } は新しい区のフォルダーで、その名前から区名を読めません。--ward で指定してください（例：--ward 西区）。
error-ask-fiscal-year = { $folder } は新しい区のフォルダーで、その名前から年度（r7 や 2025 など）を読めません。--fiscal-year で指定してください（例：--fiscal-year 2025）。
error-not-sound = { $path } にエラーが { $errors } 件あります。次の年度は問題のない区から作ります。先に直してください（mokuhyo check）。
error-serve-not-loopback = { $addr } で待ち受けると、同じネットワークのだれでもシートを開けてしまいます。ネットワークで使うには、サインインする利用者を作り（mokuhyo user add --users users.toml 名前 --division 課名）、--users users.toml を付けて起動してください。この PC からだけ使うときは 127.0.0.1 で待ち受けます（例：--listen 127.0.0.1:8080）。
error-serve-listen = { $addr } で待ち受けられません：{ $reason }。ほかのプログラムが使っていないか、別のポート（例：--listen 127.0.0.1:8081）を試してください。
error-serve-privileged-port = ポート { $port } は管理者権限が要ります。1024 以上のポート（例：--listen 0.0.0.0:8080）を使ってください。
error-users-file = 利用者のファイル { $path } を読めません：{ $reason }（mokuhyo user で作り直せます）
error-bad-user-name = 利用者名「{ $name }」は使えません（空の名前、「:」や制御文字・見えない文字を含む名前は使えません）。
error-user-exists = 利用者「{ $name }」はすでにいます。パスワードを変えるときは mokuhyo user passwd を使います。
error-no-such-user = 利用者「{ $name }」はいません（mokuhyo user list で一覧を表示します）。
error-password-too-short = パスワードが短すぎます。{ $min } 文字以上にしてください。
error-passwords-differ = 2回入力したパスワードが違います。何も変えていません。
error-no-password = パスワードを読めません：{ $reason }（--password-stdin で標準入力から渡せます）
error-random = パスワードの処理に失敗しました：{ $reason }
error-unknown-division = { $sheets } のどの区にも課「{ $name }」はありません。課の名前を確かめてください（まだない課に付けるときは --force を付けます）。
error-unknown-division-like = { $sheets } に課「{ $name }」はありません。「{ $like }」のことではありませんか（文字の幅や空白が違います。このまま付けるときは --force を付けます）。
error-unknown-title = { $sheets } のどの区にも「{ $title }」の印の欄はありません。区の印の欄（ward.toml の approval）は{ $titles }です（まだない欄に付けるときは --force を付けます）。
error-full-name-too-long = 氏名「{ $name }」は{ $length }字あり、印の中で読めません。{ $limit }字以内にしてください。
error-approve-without-title = 利用者「{ $name }」に承認の権限を付けるには、印の欄（役職）も選んでください。
error-history = 保存の履歴 { $path } を使えません：{ $reason }
error-tls = 証明書 { $cert } と秘密鍵 { $key } で HTTPS を始められません：{ $reason }（どちらも PEM 形式のファイルです）
tls-no-certificate = { $file } に証明書（BEGIN CERTIFICATE）がありません
tls-no-key = { $file } に秘密鍵（BEGIN PRIVATE KEY）がありません
tls-key-mismatch = 秘密鍵 { $key } は証明書 { $cert } の秘密鍵ではありません。証明書と一緒に発行された秘密鍵のファイルを指定してください
tls-key-encrypted = 秘密鍵 { $file } はパスフレーズで暗号化されています（ENCRYPTED PRIVATE KEY）。パスフレーズなしで保存し直してください（例：openssl pkey -in 元の鍵 -out { $file }）
history-locked = ほかのプログラムが履歴のデータベースを使用中です（ロックされています）
history-disk-full = ディスクがいっぱいです
history-not-writable = シートのフォルダーに書き込めません
history-other = { $reason }（シートのフォルダーに書き込めるか確かめてください）
error-serve-running = このフォルダー { $folder } はすでに mokuhyo serve（プロセス { $pid }、{ $url }）が開いています。そのアドレスをブラウザーで開いてください。
error-serve-running-unknown = このフォルダー { $folder } はすでにほかの mokuhyo serve が開いています。二つ目は起動しません。
error-lock = { $path } をロックできません：{ $reason }（フォルダーに書き込めるか確かめてください）
error-clash = { $path } に { $first } と { $second } の両方が書き込まれるため、何も書き込みませんでした。どちらかの名前を変えてください（名前は大文字・小文字を区別せず、{ $max } 文字で切って比べます）。
clash-input-file = 入力ファイル { $path }
clash-ward-folder = 区のフォルダー { $path }
clash-volume = { $path } の冊子

## ビルドの結果

failure-no-such-division = --division { $name }：その名前の課はありません。
failure-incomplete = { $volume }：{ $missing } を除いて「未完成」として書き出しました。
warning-set-smaller = { $file }：{ $division } は1ページに収めるため、文字を { $size }pt（通常は { $normal }pt）にして印刷します
warning-overflow = { $file }：{ $division } は一番小さな文字でも1ページに収まらず、{ $pages } ページになります（{ $at }で改ページ）。そこの文章を短くしてください。
break-between = No.{ $before } と No.{ $no } の間
break-goal = No.{ $no } の中
break-sheet = シートの途中

## コマンドの表示

wrote = { $path } を書き出しました
new-guessed-ward = 区名「{ $name }」をフォルダー名から読みました（違うときは --ward で指定します）
new-guessed-year = 年度 { $year }（{ $label }）をフォルダー名から読みました（違うときは --fiscal-year で指定します）
wrote-rows = { $path } を書き出しました（{ $count } 行）
wrote-sheets = { $path } を書き出しました（{ $count } 課のシート）
import-unchanged = { $path } は表と同じ内容のため、書き換えていません
import-renamed = { $from } を { $to } に名前を変えました（シートの課の名前が変わったため）
removed-stale = { $path } を削除しました（以前のビルドの古いファイル）
build-summary = { $wards }区・PDF { $pdfs }件を作成しました。エラー { $errors }件、警告 { $warnings }件
build-failed = ビルドに失敗しました（書き出したファイル { $written } 件）
check-summary = { $wards }区・{ $divisions }課を確認しました。エラー { $errors }件、警告 { $warnings }件
no-sound-division = 問題のない課「{ $name }」はありません。
no-sound-ward = 問題のない区がありません。
more-than-one-ward = 区が二つ以上あります。--sheets には区のフォルダーを一つ指定してください。
no-ward-to-export = 書き出せる（問題のない）区がありません。
xlsx-needs-out = xlsx のブックは画面に出せません。--out ファイル名.xlsx を指定してください。
export-exists = { $path } はすでにあるため、そのままにしました（--force で置き換えます）。
left-out-of-table = エラーのあるファイルは表に入れていません。
import-refused = 何も取り込んでいません。置けない行 { $rows } 件、その他の問題 { $others } 件のため、ファイルは書き出していません。
import-done = { $divisions } 課を読み、ファイル { $written } 件を書き出しました。変わりのないファイル { $unchanged } 件は書き換えていません。置けない行 { $rows } 件。{ $files ->
    [0] {""}
   *[other] 書き出せなかったファイル { $files } 件。
  }書き出したファイルのエラー { $errors } 件
import-date-ignored = { $place } の{ $label }「{ $text }」は ward.toml の{ $label }と違いますが、取り込みでは ward.toml を書き換えないため、入っていません。区の設定（ward.toml）で入れてください。
watching = { $path } を見張っています。ファイルを保存するたびに PDF を作り直します（Ctrl+C で終了）。
watch-built = [{ $time }] PDF { $pdfs } 件を { $seconds } 秒で作成しました{ $failed ->
    [yes] （エラーあり）
   *[no] {""}
  }
not-seconds = 「{ $text }」は 0〜86400 の秒数ではありません。
not-a-date = 「{ $text }」は日付ではありません。2025-04-01 のように 年-月-日 で書いてください。

## 取り込めなかった表の行（import）

column-not-read = { $sheet ->
    [none] {""}
   *[other] シート「{ $sheet }」の{" "}
  }{ $column } 列「{ $heading }」は mokuhyo の知らない列のため、読んでいません（列は 区 年度 順 部 課 施策指標 No. 組織目標 位置づけ 取組名称 概要 取組指標 目標 結果 評価 目標達成状況 今後の方針 承認印 です）。
formula-without-value = シート「{ $sheet }」のセル { $cell } の数式は値なしで保存されているため、空として読みました。Excel で開いて保存し直してから、もう一度取り込んでください。
row-at = { $line } 行目：{ $reason }
row-at-sheet = シート「{ $sheet }」{ $line } 行目：{ $reason }
row-no-division = 課がありません。この行にも、上の行にも課の名前がありません。
row-no-number = No. がありません。{ $division } のどの組織目標の行か分かりません。
row-bad-number = No.「{ $text }」は組織目標の番号（1, 2, …）ではありません。
row-bad-year = 年度「{ $text }」は年度ではありません（2024 や 令和6年度 と書きます）。
row-number-gap = { $division } の No.{ $next } より前に No.{ $no } があります。組織目標の番号は 1 から順に、飛ばさずに付けてください。
row-goal-differs = { $column } が、{ $division } の No.{ $no } の最初の行（{ $first } 行目）と違います。
row-indicator-without-action = 取組名称のない取組指標があります。
row-empty-cell = { $division } の No.{ $no } の最初の行の { $column } が空です。この列は必須です。
row-action-differs = { $column } が、上の取組「{ $action }」と違います。一つの取組のセルはすべての行で同じです（別の取組にするときは、取組名称も変えてください）。
row-file-exists = { $path } はすでにあるため、そのままにしました（--force で置き換えます）。
row-no-ward-file = { $path } に ward.toml がなく、表にも書くための区と年度がありません。ward.toml を書いてください（mokuhyo new で作れます）。
row-too-large = { $path } は { $mib } MiB になり、シートのファイルの上限（{ $max_mib } MiB）を超えます。{ $division } のセルが長すぎます。
row-nothing-written = 何も書き出していません。上に示したところを直して、もう一度取り込んでください。
row-would-lose = { $path } にある `{ $key }` が表にありません。--force で置き換えるのは、ファイルの内容がすべて表にあるときだけなので、何も書き出していません（表に書き加えるか、減らしてよいときはファイルを削除してから取り込んでください）。
row-two-sheets = シート「{ $first }」と「{ $second }」が、どちらも { $division } のシートです。一つの課のシートは一つだけにしてください（写しや下書きのシートは、非表示のものも含めて削除してください）。
row-renamed = シートの課の名前が「{ $former }」から「{ $division }」に変わっています。{ $from } を { $to } に名前を変えて書き換えるのは --force を付けたときだけです。
row-file-of-another = { $division } を書く { $path } は、別の課（{ $other }）のファイルです。順か課の名前を確かめてください。
row-two-files = { $division } のファイルが { $first } と { $second } の二つあります。どちらに書くか分からないため、一つにしてから取り込んでください。
row-bad-date = { $cell } の「{ $text }」は日付ではありません（2025-04-01 や 令和7年4月1日 と書きます）。
row-unsound = { $path } は課のファイルとして正しく読めないため、取り込みでは置き換えません（--force でも同じです）。中身が表より多いか少ないか確かめられないためです。先に { $file }{ $line ->
    [0] {""}
   *[other] {" "}の { $line } 行目
  }を直してください：{ $problem }
row-not-a-file = { $path } はファイルではありません（フォルダーか、行き先のないリンクです）。取り込みでは置き換えないため、名前を変えるか削除してから取り込んでください。
row-rename-unclear = { $division }（順 { $order }）は、どのファイルの課の名前を変えたものか一つに決まりません（{ $others }）。課の名前か順を確かめてください。
row-other-ward = { $place } の「{ $table }」は、{ $path } の「{ $folder }」と違います。別の区か年度のブックです。取り込む区のフォルダーを確かめてください。
row-no-division-cell = 課の欄（{ $cell }）が空で、はじめにのシートの一覧にもこのシートがないため、どの課のシートか分かりません。課の名前を書いてください。
row-new-errors = 取り込むと、区のファイルに上のエラー { $count } 件が出ます。表を直してから、もう一度取り込んでください。

## よくあるシステムの理由

io-not-found = そのファイルまたはフォルダーはありません
io-permission-denied = アクセスが拒否されました（他のプログラムで開いているか、読み取り専用の可能性があります）
io-already-exists = すでにあります
io-not-a-folder = フォルダーではありません
io-storage-full = ディスクがいっぱいです
io-read-only = ディスクまたはフォルダーが読み取り専用です
io-address-in-use = このアドレスはほかのプログラムが使っています
io-address-not-available = このアドレスはこの PC のものではありません

## コマンドライン：各コマンドと引数の説明

cli-help-template = {"{"}about-with-newline{"}"}
    使い方: {"{"}usage{"}"}

    {"{"}all-args{"}"}{"{"}after-help{"}"}
cli-heading-commands = コマンド
cli-heading-arguments = 引数
cli-heading-options = オプション
cli-options = オプション
cli-command = コマンド
cli-help = この説明を表示します
cli-version = バージョンを表示します
cli-values = （{ $values }）
cli-default = （既定：{ $default }）
cli-lang = メッセージと説明の言語：ja または en（既定はロケールから。未設定・C・POSIX なら日本語）
cli-sheets = シートのフォルダー：区のフォルダーを入れたフォルダー、または区のフォルダー一つ（ward.toml のあるもの）
cli-out = PDF の出力先：OUT/<区のフォルダー名>/…
cli-divisions = この課だけを作ります（課の名前で指定。複数なら繰り返します）。このとき冊子は作りません
cli-no-stamps = 承認印の欄を付けずに作ります（議会などに出す冊子。決裁用ではないもの）
cli-font-paths = 追加のフォントのフォルダー（組み込みのフォントの後に探します）。複数なら繰り返します
cli-templates = 組み込みのテンプレートを同じファイル名（sheet.typ など）で置き換えるテンプレートのフォルダー
cli-timeout = PDF 一つの組版を打ち切るまでの秒数（終わらないテンプレートへの備え）
cli-strict = どのフォントにもない文字を警告ではなくエラーにします（その課は作りません）

cli-mokuhyo-about = 組織目標管理シートを TOML から PDF に
cli-mokuhyo-examples =
    例：
      mokuhyo build                                  # sheets/ → output/
      mokuhyo build --division 地域課                  # 一つの課だけ
      mokuhyo check --sheets sheets/higashi-r5
      mokuhyo new sheets/nishi-r7 企画課               # 記入用の課のファイル
      mokuhyo import 西区.xlsx --out sheets/nishi-r7    # Excel → 課のファイル
      mokuhyo export --format xlsx --out 東区.xlsx      # 全シートを一つの表に
      mokuhyo watch                                  # 保存するたびに作り直す
      mokuhyo --lang en check                        # メッセージを英語で

cli-build-about = 各課の PDF と区ごとの冊子を作ります
cli-build-examples =
    例：
      mokuhyo build                                   # sheets/ → output/
      mokuhyo build --sheets sheets/higashi-r5 --division 地域課
      mokuhyo build --pdf-standard a-2b --out archive  # 保存用の PDF/A
      mokuhyo build --font-path gaiji-fonts           # 外字のフォントのフォルダー
cli-build-pdf-standards = 準拠する PDF の規格：a-2b、a-2u、ua-1 など（組み合わせるときは繰り返します）
cli-build-untagged = タグ（読み上げソフト用の構造）を付けません。ファイルが小さくなります
cli-build-jobs = 同時に組版する PDF の数（既定：コア数＋1、最大 64）

cli-check-about = すべてのファイルを確認し、問題をすべて表示します。エラーがあれば終了コード 1 で終わります
cli-check-examples =
    例：
      mokuhyo check
      mokuhyo check --sheets sheets/higashi-r5 --strict   # どのフォントにもない文字をエラーに
cli-check-strict = どのフォントにもない文字を警告ではなくエラーにします
cli-check-font-paths = 追加のフォントのフォルダー（build と同じ）。そこにある文字は報告しません

cli-data-about = テンプレートが受け取る JSON を表示します（テンプレートを書くとき、または typst CLI で使うとき）
cli-data-examples =
    例：
      mokuhyo data --sheets sheets/higashi-r5 > volume.json
      mokuhyo data --sheets sheets/higashi-r5 --division 地域課 > data.json
      typst compile --root . --font-path fonts --input data=/data.json templates/sheet.typ
cli-data-division = 区の冊子のデータではなく、この課のシートのデータを表示します

cli-new-about = 記入用の課のファイル（組織目標5件分の枠、各キーに説明付き）を作ります。区のフォルダーが新しければ ward.toml も作ります
cli-new-examples =
    例：
      mokuhyo new sheets/higashi-r5 広報課
      mokuhyo new sheets/nishi-r7 企画課 --ward 西区 --fiscal-year 2025
cli-new-ward-dir = 区のフォルダー（なければ作ります）
cli-new-division = 課の名前
cli-new-department = 部の名前（省略すると区の名前）
cli-new-order = 冊子の中での順番（省略すると最後の課の次）
cli-new-ward = 新しい区のフォルダーの区名（省略するとフォルダー名から読みます。例：西区-r7）
cli-new-fiscal-year = 新しい区のフォルダーの年度（西暦。省略するとフォルダー名の r7 や 2025 から読みます）

cli-import-about = 表（xlsx または csv、取組指標1件が1行）を課のファイルに取り込みます
cli-import-examples =
    表には列の名前を書いた見出し行が要ります（列の順番は自由です）：
      区 年度 順 部 課 施策指標 No. 組織目標 位置づけ 取組名称 概要 取組指標 目標 結果 評価 目標達成状況 今後の方針
    （課、No.、組織目標 は必須）。課と No. が同じ行は一つの組織目標です。Excel の結合セルのように、
    空のセルは上の行の続きとして読みます。

    例：
      mokuhyo import 東区.xlsx --out sheets/higashi-r5
      mokuhyo import city.csv --out sheets            # 複数の区：区ごとのフォルダーに
cli-import-file = 表：.xlsx（.xlsm、.xls、.ods）、.csv（UTF-8 または Shift_JIS）または .json
cli-import-out = 書き込む区のフォルダー。複数の区の表なら、区のフォルダーを入れるフォルダー
cli-import-force = すでにある課のファイルを置き換えます

cli-export-about = 区（または市全体）の全シートを、一覧表（取組指標1件を1行）または印刷するシートと同じ形の記入用ブックに書き出します
cli-export-examples =
    例：
      mokuhyo export --format xlsx --out 東区.xlsx
      mokuhyo export --sheets sheets --format csv --out city.csv   # CSV は Excel 用に BOM 付き UTF-8
      mokuhyo export --format json                               # 画面（標準出力）に
      mokuhyo export --format form --out 東区.xlsx                 # 記入用ブック（課ごとのシート）
      mokuhyo export --summary --format xlsx --out 評価集計.xlsx    # 課ごとの ○△× と達成率
cli-export-format = csv・xlsx・json：取組指標1件を1行とする一覧表。form：印刷するシートと同じ形の記入用ブック（課ごとのシート）
cli-export-out = 書き出すファイル（省略すると標準出力。csv と json のみ）
cli-export-divisions = この課だけを書き出します（課の名前で指定。複数なら繰り返します）
cli-export-force = --out のファイルがすでにあるとき、置き換えます
cli-export-blank = --format form のとき、組織目標の欄を空にした記入用のシートを書き出します（5件分の枠）
cli-export-summary = シートの代わりに評価集計（課ごとの ○・△・×・未評価と達成率、区と全区の合計）を書き出します：csv、xlsx、json

cli-next-year-about = 今年度の区から次の年度の区を作ります。組織目標・取組・取組指標・目標は引き継ぎ、今年度の評価（評価日・評価・結果・目標達成状況・今後の方針）は除きます
cli-next-year-examples =
    例：
      mokuhyo next-year sheets/higashi-r5 --out sheets/higashi-r6
      mokuhyo next-year sheets/higashi-r5 --out sheets/higashi-r6 --created 2024-04-08 --clear-targets
cli-next-year-ward-dir = 今年度の区のフォルダー
cli-next-year-out = 新しい区のフォルダー（まだないもの）
cli-next-year-created = 新しい作成日（年-月-日）。省略すると新しい年度の4月1日
cli-next-year-clear-targets = 取組指標の目標も空にします

cli-schema-about = ward.toml と課のファイルの JSON Schema を書き出します（エディターの TOML 補完用）
cli-schema-examples =
    例：
      mokuhyo schema                 # schema/ward.schema.json、schema/division.schema.json
      mokuhyo schema --out ../schema
cli-schema-out = ward.schema.json と division.schema.json を書き出すフォルダー

cli-watch-about = PDF を作り、その後シートやテンプレートが保存されるたびに変わったところを作り直します
cli-watch-examples =
    例：
      mokuhyo watch
      mokuhyo watch --sheets sheets/higashi-r5 --templates my-templates

cli-serve-about = シートを Web ページとして開きます。各課がブラウザーでシートを書き、横に印刷イメージが表示されます
cli-serve-examples =
    例：
      mokuhyo serve --open
      mokuhyo serve --sheets sheets/higashi-r5 --listen localhost:8080
      mokuhyo serve --users users.toml --listen 0.0.0.0:8080 --host mokuhyo.ward.local
      mokuhyo serve --users users.toml --listen 0.0.0.0:8443 --tls-cert cert.pem --tls-key key.pem --log D:\ログ\mokuhyo.log
cli-serve-out = 「すべての PDF を作る」の出力先：OUT/<区のフォルダー名>/…
cli-serve-listen = 待ち受けるアドレス（この PC からだけ：127.0.0.1）。名前とポートでも指定できます（localhost:8080）
cli-serve-open = ブラウザーでページを開きます
cli-serve-tls-cert = サーバーの証明書（PEM 形式）。--tls-key と共に付けると HTTPS で待ち受けます
cli-serve-tls-key = 証明書の秘密鍵（PEM 形式）
cli-serve-users = 利用者のファイル（mokuhyo user で作ります）。付けると全員がサインインし、ネットワークで待ち受けられます
cli-serve-hosts = このサーバーを呼ぶ名前（DNS 名など）。ほかの名前あての要求は断ります。何度でも付けられます
cli-serve-log = 操作の記録を追記するファイル（既定：シートのフォルダーの .mokuhyo-serve.log）
cli-listen-no-port = アドレスとポートを「:」でつないでください（例：127.0.0.1:8080、localhost:8080）
cli-listen-unknown = 名前「{ $name }」のアドレスがわかりません
serve-clear-text = HTTPS を使っていないため、パスワードと内容は暗号化されずにネットワークを流れます。証明書があれば --tls-cert と --tls-key を付けて起動してください。
serve-listening = { $url } で開いています。ブラウザーでこのアドレスを開いてください（止めるときは Ctrl+C）。
serve-stopped = 止めました。
serve-users-kept = { $error }（直るまで、前に読めた利用者のままサインインを受け付けます）
serve-users-gone = 利用者ファイル { $path } がないか、空になっています（直るまで、前に読めた利用者のままサインインを受け付けます）

cli-user-about = serve にサインインする利用者（アカウント）を管理します
cli-user-examples =
    例：
      mokuhyo user add --users users.toml chiiki --division 地域課
      mokuhyo user list --users users.toml
cli-user-add-about = 利用者を加えます（パスワードを尋ねます）
cli-user-add-examples =
    例：
      mokuhyo user add --users users.toml chiiki --division 地域課
      mokuhyo user add --users users.toml kikaku --all
      mokuhyo user add --users users.toml somu --division minato-r6/総務課 --sheets sheets
cli-user-add-divisions = この利用者が変えられる課（課の名前、または 区のフォルダー名/課の名前）。複数なら繰り返します
cli-user-add-all = すべての課と区の設定を変えられ、冊子を作れます（企画係）
cli-user-add-sheets = --division の課を探すシートのフォルダー（区のフォルダーの集まり、または区のフォルダー）
cli-user-add-force = どの区にもない課でも加えます
cli-user-remove-about = 利用者を削除します
cli-user-remove-examples =
    例：
      mokuhyo user remove --users users.toml chiiki
cli-user-passwd-about = 利用者のパスワードを変えます
cli-user-passwd-examples =
    例：
      mokuhyo user passwd --users users.toml chiiki
cli-user-list-about = 利用者と、それぞれが変えられる課を表示します
cli-user-list-examples =
    例：
      mokuhyo user list --users users.toml
cli-user-unlock-about = サインインに続けて失敗してロックされた利用者名を、すぐにまた使えるようにします
cli-user-unlock-examples =
    例：
      mokuhyo user unlock --users users.toml chiiki
cli-users = 利用者のファイル（mokuhyo user が書きます。パスワードはハッシュだけを保存します）
cli-name = 利用者名（サインインするときの名前）
cli-password-stdin = パスワードを尋ねずに、標準入力から読みます
user-password = パスワード：
user-password-again = もう一度：
user-added = 利用者「{ $name }」を加えました（{ $path }）。
user-removed = 利用者「{ $name }」を削除しました（{ $path }）。
user-password-set = 利用者「{ $name }」のパスワードを変えました（{ $path }）。
user-all = すべての課（区の設定と冊子の作成も）
user-none = { $path } に利用者はいません。
user-unlocked = 利用者名「{ $name }」のロックを解除しました（{ $path }）。
user-not-locked = 利用者名「{ $name }」はロックされていません（{ $path }）。
user-title-unchecked = 注意：{ $sheets } の区が読めないため、「{ $title }」の印の欄があるかは確かめていません。
users-warning-duplicate = 利用者名「{ $name }」は { $first } 行目にもあります。この行の利用者は使われません。
users-warning-empty-hash = 利用者「{ $name }」のパスワードのハッシュが空です。この利用者はサインインできません（mokuhyo user passwd で設定します）。
users-warning-not-argon2 = 利用者「{ $name }」のパスワードのハッシュが argon2 の形式ではありません。この利用者はサインインできません（mokuhyo user passwd で設定し直します）。

cli-completions-about = シェルの補完スクリプトを表示します：bash、zsh、fish、powershell、elvish
cli-completions-examples =
    例：
      mokuhyo completions bash > ~/.local/share/bash-completion/completions/mokuhyo
      mokuhyo completions powershell >> $PROFILE
cli-completions-shell = シェル

## TOML の読み取りでよくある書き方の誤り（読み取り部の英語の説明は訳して示します）

syntax-no-value = キーのあとに「=」と値がありません。キー、=、値を1行に、キー = "値" のように書いてください。
syntax-no-equals = キーと値の間に「=」がありません。
syntax-unquoted = 文字は "…" で囲んでください。
syntax-bad-string = 文字列の書き方が正しくありません。閉じる「"」を付けてください。「\」は \\ と書くか、文字列を '…' で囲んでください。複数行は ''' で囲みます。
syntax-bad-key = キーに使えない文字があります。キーは半角の英字・数字・「_」「-」で書きます。
syntax-unclosed-header = 見出しが閉じていません。[[goals]] のように閉じてください。
syntax-array = 並び（配列）の書き方が正しくありません。["…", "…"] のように、要素を「,」で区切って書いてください。
syntax-duplicate-key = このキーは同じ表にすでにあります。どちらか一つにしてください（次の組織目標は [[goals]] から始めます）。
syntax-extra = 余分な文字があります。1行に キー = 値 を一つだけ書き、メモは # のあとに書いてください。
syntax-bad-value = 値の書き方が正しくありません。数は先頭に0を付けずに、日付は 2024-04-01 のように、文字は "…" で囲んで書いてください。

## コマンドラインの誤り

cli-error-unknown-argument = オプション `{ $argument }` はありません。{ $suggestion ->
    [none] {""}
   *[other] `{ $suggestion }` の誤りではありませんか。
  }
cli-error-unknown-command = コマンド `{ $command }` はありません。{ $suggestion ->
    [none] {""}
   *[other] `{ $suggestion }` の誤りではありませんか。
  }
cli-error-invalid-value = 「{ $value }」は { $argument } に指定できません。{ $valid ->
    [none] {""}
   *[other] 次のいずれかを指定してください：{ $valid }
  }
cli-error-bad-value = { $argument } の「{ $value }」：{ $reason }
cli-error-missing-argument = { $argument } を指定してください。
cli-error-more = 指定できるものは mokuhyo --help または mokuhyo コマンド名 --help で表示できます。

## serve: the web pages

web-title = 組織目標管理シート
web-no-wards = シートのフォルダーに区がありません（ward.toml のあるフォルダーを置いてください）。
web-not-found = そのページはありません。
web-internal = サーバーで問題が起きました。もう一度試してください。
web-unreadable = このファイルは TOML として読めないため、ブラウザーでは開けません。テキストエディターで次の問題を直してください。
web-if-match-required = 保存するには、読み込んだときの版（If-Match）が必要です。ページを読み込み直してください。
web-saved-by-someone-else = ほかの人が先に保存しました。何も書き込んでいません。
web-bad-choices = 保存と一緒に送られた選択を読み取れません。何も書き込んでいません。
web-bad-restore-part = 戻す目標や欄が指定されていません。何も書き込んでいません。
web-merge-conflict = ほかの人が同じ欄を先に変えていました。欄ごとに、どちらにするか選んでください。何も書き込んでいません。
web-merged = 保存しました。ほかの人が保存した { $count } か所も合わせてあります。
web-merged-elsewhere = ほかの人がこのシートを保存しました。あなたが保存すると、欄ごとに合わせます。
web-merge-title = ほかの人と同じ欄を変えていました
web-merge-help = ほかの欄は保存しました。次の欄は、いまは先に保存された内容です。欄ごとに選んでください。
web-merge-place = 欄
web-merge-keep-mine = 自分の入力にする
web-merge-keep-theirs = このままにする
web-merge-deleted = （削除）
web-merge-settled = 選んだとおりに保存しました。
web-history-restore-field = この欄を戻す
web-division-name-taken = 「{ $name }」という課はこの区にもうあります（{ $file }）。課の名前を変えてください。何も書き込んでいません。
web-over-limit = シートに入る数を超えているため、保存しませんでした。次の問題を直してください。
web-pdf-failed = PDF を作れませんでした。
web-summary-no-ward = この区の ward.toml にエラーがあるため、評価集計を作れません。区の設定を直してください。
web-summary-xlsx = 評価集計（Excel）
web-summary-csv = 評価集計（CSV）
web-col-order = No.
web-col-division = 課
web-col-state = 状態
web-col-goals = 目標
web-col-rated = 評価
web-col-saved = 最終保存
web-open = 開く
web-pdf = PDF
web-volume-pdf = 冊子の PDF
web-build-all = すべての PDF を作る
web-building = 作成中…
web-built = PDF { $written } 件を { $out } に作成しました（エラー { $errors } 件、警告 { $warnings } 件）。
web-failed = うまくいきませんでした。
web-state-ok = 問題なし
web-state-errors = エラー { $count } 件
web-state-warnings = 警告 { $count } 件
web-state-not-started = 未着手
web-state-in-progress = 評価中
web-state-evaluated = 評価済み
web-state-written = 記入済み
web-board-errors = エラー
web-board-counts = { $count }課：{ $states }
web-board-only-open = 済んでいない課だけを表示
web-ward-file-problems = ward.toml にエラーが { $count } 件あります。
web-evaluated = 評価版
web-back = 一覧へ戻る
web-save = 保存
web-saving = 保存中…
web-saved = 保存しました。
web-unsaved = 保存していない変更があります。
web-saved-with-errors = 保存しました。エラーが { $count } 件あります（直すまで印刷できません）。
web-header = 組織
web-order = 冊子の中での順番
web-department = 組織名（部）
web-division = 組織名（準部・課・機関名）
web-policy-indicators = （参考）関連する総合計画における政策指標（1行に1つ）
web-goal = 組織目標 { $no }
web-goal-text = 本文
web-plan-ref = 総合計画（実施計画）上の位置づけ
web-rating = 評価
web-rating-none = 未評価
web-rating-achieved = ○ 達成
web-rating-partly = △ 一部未達成
web-rating-missed = × 未達成
web-status = 目標達成状況
web-next-steps = 今後の方針
web-action = 主な取組 { $no }
web-action-name = 取組名称（事業名）
web-summary = 概要
web-indicator = 取組指標 { $no }
web-indicator-name = 取組指標
web-target = 目標
web-result = 結果
web-add-goal = 組織目標を加える
web-add-action = 取組を加える
web-add-indicator = 指標を加える
web-remove = 削除
web-move-up = 上へ
web-move-down = 下へ
web-preview = 印刷イメージ
web-preview-waiting = エラーを直すと、印刷イメージが新しくなります。
web-preview-size = 1ページに収めるため、文字を { $size }pt にして印刷します。
web-preview-pages = { $pages } ページになります（いちばん小さい文字でも1ページに収まりません）。
web-problems = 問題
web-problems-none = 問題はありません。

## 問題をページの言葉で（シートの見出しで場所を言い、TOML のキーは出さない）

web-problem-no-goal-yet = 組織目標がまだ書かれていません。まず { $place } を書いてください。
web-problem-no-goal = この課には組織目標がありません。「組織目標を加える」で加えてください。
web-problem-no-action = この組織目標には主な取組がありません。{ $place } を書いてください。
web-problem-no-indicator = この取組には取組指標がありません。{ $place } を書いてください。
web-problem-empty-name = { $place } が空です。シートには名前が要ります。
web-problem-rated-without-result = 評価が書かれていますが、どの取組指標にも結果がありません。
web-problem-evaluation-without-date = 評価や結果が書かれていますが、区の設定に評価日がありません。このままでは評価日が空のまま印刷されます。評価日は企画係が区の設定で入れます。
web-problem-empty-ward-name = 区名が空です。
web-problem-no-glyph = { $chars } は、どのフォントにもないため空の四角で印刷されます。通常の文字に書き換えてください（外字は常用の漢字か注記に）。
web-problem-controls = { $chars } は制御文字で、印刷されません。消してください。
web-problem-order-taken = 順番 { $order } は{ $by }で使われています。課ごとに冊子の中での順番を変えてください。
web-problems-errors = エラー { $count } 件
web-problems-warnings = 警告 { $count } 件
web-problems-go = 押すと、その欄へ移ります。
web-undo = 元に戻す
web-undo-what = 「{ $what }」の削除を元に戻す
web-removed = 「{ $what }」を削除しました。「元に戻す」か Ctrl+Z で戻せます（保存するまで）。
web-undone = 「{ $what }」を元に戻しました。
web-kept-title = 保存していない入力があります
web-kept-help = { $when } にこの課のページで入力し、保存していない内容が、このブラウザーに残っています。
web-kept-older = この入力のあと、この課は保存し直されています。戻して保存すると、新しい版と比べて確かめられます。
web-kept-take = 入力を戻す
web-kept-discard = 捨てる
web-kept-taken = 保存していない入力を戻しました。確かめて保存してください。
web-kept-discarded = 保存していない入力を捨てました。
web-kept-merged = { $count } つのタブで入力し、保存していない内容が、このブラウザーに残っています（最後は { $when }）。別々の欄なので、まとめて戻せます。
web-kept-several = 保存していない入力が { $count } つ残っています（新しい順）。戻す入力を 1 つ選んでください。選ばなかった入力は、次に開いたときにまた示します。
web-kept-older-short = （このあと保存し直されています）
web-kept-take-when = { $when } の入力を戻す
web-kept-discard-all = すべて捨てる
web-other-tabs = この課は、このブラウザーのほかのタブでも開いています。入力はタブごとに残りますが、保存は 1 つのタブでしてください。
web-sign-out-unsaved = 保存していない入力があります。サインアウトしても入力はこのブラウザーに残り、次にこのアカウントでサインインしたときに戻せます。ほかのアカウントには示しません。サインアウトしますか。
web-read-only-other-division = この課のシートは見るだけです。この利用者が変えられるのは、{ $divisions }のシートです。
web-read-only-submitted = 提出済みのため、見るだけです。変えるには取り下げるか、差し戻してもらってください。
web-submit-confirm = 提出すると、取り下げるか差し戻されるまで、このシートは変えられません。保存していない変更は提出されません。提出しますか？
web-name-spaces = 名前の前か後ろに空白があります。消してください。
web-name-invisible = 名前に見えない文字（{ $chars }）が入っています。消してください。
web-name-taken-here = 「{ $other }」は、この区のほかの課の名前です。別の名前にしてください。
web-order-needed = 冊子の中での順番を、1, 2, 3, … の数字で書いてください。空のままや数字でないと保存できません。
web-add-first = 「{ $button }」を押して、{ $what } を加えてください。
web-name-refused = 課の名前をこのままでは保存できません。名前の欄に書いたことを直してください。何も書き込んでいません。
web-name-empty = 名前が空です。シートには名前が要ります。
web-name-empty-refused = 課の名前が空のままでは保存できません。組織名（準部・課・機関名）を書いてください。何も書き込んでいません。
web-name-look-alike = 「{ $name }」と同じ名前に見えますが、文字の幅、空白か見えない文字が違います。同じ課なら「{ $name }」と書いてください。
web-name-not-yours = 課の名前を変えられるのは、すべての課を扱える利用者（企画係）だけです。「{ $name }」のままにしてください。
web-zoom = 表示の倍率
web-zoom-in = 拡大
web-zoom-out = 縮小
web-zoom-fit = 幅に合わせる
web-zoom-full = 実寸で見る
web-severity-error = エラー
web-severity-warning = 警告
web-zoom-wide = 印刷イメージを広げる
web-zoom-narrow = 元の幅に戻す

web-conflict-title = ほかの人が先に保存しました
web-conflict-help = あなたの入力は消えていません。違うところを並べて表示します。どちらにするか選んでください。
web-conflict-mine = あなたの入力
web-conflict-theirs = 保存されている内容
web-conflict-keep-mine = 自分の入力で保存し直す
web-conflict-take-theirs = 保存されている内容を読み込む（自分の入力は捨てる）
web-sign-in = サインイン
web-sign-out = サインアウト
web-user-name = 利用者名
web-password = パスワード
web-sign-in-failed = 利用者名かパスワードが違います。
web-sign-in-needed = サインインしてください（利用者名とパスワード。スクリプトからは HTTP Basic 認証）。
web-sign-in-wait = サインインの失敗が続いています。{ $seconds } 秒待ってからやり直してください。
web-sign-in-locked = サインインの失敗が続いたため、この利用者名はあと { $minutes } 分使えません。急ぐときは管理者に解除を頼んでください（mokuhyo user unlock）。
web-other-origin = ほかのサイトのページからの操作は受け付けません。
web-csrf = このページからの操作であることを確かめられません。ページを読み込み直してください。
web-other-host = このサーバーあての要求ではありません（Host が違います）。サーバーのアドレスを開いてください。
web-bad-request = 要求を読めません。
web-json-unreadable = 送られた JSON を読めません。
web-json-shape = 送られた JSON の形が違います。
web-missing-field = 欄 { $field } がありません。
web-json-at = { $line } 行 { $column } 文字目です。
web-not-json = JSON で送ってください（Content-Type: application/json）。
web-too-large = 送られた内容が大きすぎます。
web-method-not-allowed = このアドレスではその操作はできません。
web-use-https = このサーバーは HTTPS です。{ $url } を開いてください。
log-started = 開始：{ $addr } で待ち受けます
log-signed-in = サインイン：{ $who }（{ $from }）
log-sign-in-failed = サインイン失敗：{ $who }（{ $from }）
log-saved = 保存：{ $ward }/{ $file }（{ $who }）
log-restored = 復元：{ $ward }/{ $file } を版 { $id } に戻しました（{ $who }）
log-changed-outside = ブラウザーの外で変更：{ $ward }/{ $file }
log-refused = 拒否 { $status }：{ $method } { $path }（{ $who }、{ $from }）
log-more-refused = 拒否とサインイン失敗のうち、ほかに { $count } 件を { $from } から受けました（1分に記録するのは30件まで）
log-sign-in-waiting = サインイン保留：{ $who }（{ $from }）は失敗が続いたため、待ち時間が過ぎるまでパスワードを確かめていません
log-history-made-again = 保存の履歴 { $path } が削除されていたため、作り直しました。それまでの履歴はありません。
log-history-failed = 保存の履歴 { $path } を使えません：{ $reason }
web-forbidden = この課を変える権限がありません。変えられるのは、利用者に割り当てられた課だけです。
web-forbidden-all = この操作は、すべての課を扱える利用者（企画係）だけができます。
web-this-pc = この PC
web-history = 履歴
web-history-a = 比べる版（前）
web-history-b = 比べる版（後）
web-history-when = 保存した日時
web-history-who = 保存した人
web-history-outside = ブラウザー以外で保存
web-history-restore = この版に戻す
web-history-restore-item = { $item } を戻す
web-history-compare = 比べる2つの版を選ぶと、違うところを表示します。
web-history-same = 2つの版に違いはありません。
web-history-restored = { $when } の版に戻して保存しました。
web-close = 閉じる
web-changed-on-disk = このシートがほかの場所で保存されたため、新しい内容を読み込みました。
web-ward-settings = 区の設定
web-ward-name = 区名（局名）
web-fiscal-year = 年度（西暦の年。4月〜翌3月。2023 は令和５年度）
web-fiscal-year-needed = 年度を西暦の年で入れてください（例: 2025 は令和７年度）。保存していません。
web-created = 作成日
web-evaluated-date = 評価日（年度末の評価後に記入。空のうちは作成時の版）
web-interim = 中間評価（年度の途中の評価。PDF の名前は「_中間評価」）
web-approval = 承認印の欄（1行に1つ、左の欄から。空なら印の欄なし）
web-ward-read-only = 区の設定は見るだけです。変えられるのは、すべての課を扱える利用者（企画係）だけです。
web-forbidden-ward = 区の設定（ward.toml）を変えられるのは、すべての課を扱える利用者（企画係）だけです。

# 提出・承認・差戻し（決裁）
user-approves = 承認：{ $title }
cli-user-add-approve = この利用者が変えられる課のシートを承認・差戻しできます（--title の欄に押印します）
cli-user-add-title = 承認する印の欄の肩書き（ward.toml の approval の一つ）：課長
cli-user-add-full-name = 電子印に入れる氏名：山田太郎（ないときは利用者名）
cli-no-draft-mark = 承認されていないシートに「案」を付けません
problem-unknown-stamps = stamps は "paper"（紙に押印）か "electronic"（電子印）です。「{ $written }」は使えません。
error-approvals = 提出・承認の記録 { $path } を読み書きできません：{ $reason }
web-approval-save-submitted = このシートは提出済みで、承認を待っています。変えるには、提出を取り下げるか、差し戻してもらってください。
web-approval-comment-needed = 差し戻す理由を書いてください。
web-approval-has-errors = エラーのあるシートは提出できません。エラーを直してから提出してください。
web-approval-no-right = 承認する権限がありません。承認権のあるアカウントでサインインしてください。
web-approval-not-yours = 「{ $division }」を承認する権限がありません。
web-approval-already-submitted = このシートはもう提出されています。
web-approval-not-submitted = このシートは提出されていません。
web-approval-already-approved = もう承認が始まっているため、取り下げられません。差し戻してもらってください。
web-approval-changed = 提出の後にファイルが変わりました。もう一度提出してもらってください。
web-approval-not-next = 次に承認するのは「{ $next }」の欄です（あなたは「{ $title }」）。
web-approval-complete = このシートはすでに承認済みです。
web-approval-complete-no-return = このシートはすべての欄の承認が済んでいるため、差し戻せません。差戻しは、承認が済むまでの間だけできます。
web-approval-comment-too-long = 差し戻す理由は{ $limit }字以内で書いてください（いま{ $length }字）。
web-stage-submitted-changed = 提出後に変更（要再提出）
web-ward-unreadable = 区の設定（ward.toml）にエラーがあり、決裁の状況を出せません。
log-submitted = 提出：{ $ward }/{ $division }（{ $who }）
log-withdrawn = 提出の取り下げ：{ $ward }/{ $division }（{ $who }）
log-approved = 承認：{ $ward }/{ $division }（{ $who }）
log-returned = 差戻し：{ $ward }/{ $division }（{ $who }）
log-approvals-made = 決裁の記録 { $path } がなかったため、新しく作りました。初めての提出でなければ、記録のファイルが消えています（それまでの提出・承認の記録はありません）。バックアップから戻してください。
web-decision = 決裁
web-stage-draft = 作成中
web-stage-submitted = 提出済
web-stage-submitted-step = 提出済（{ $step }承認済）
web-stage-returned = 差戻し
web-stage-approved = 承認済
web-stage-changed = 承認後に変更（要再提出）
web-submit = 提出する
web-withdraw = 提出を取り下げる
web-approve = 承認する
web-return = 差し戻す
web-return-comment = 差し戻す理由
web-returned-comment = 差戻しの理由：{ $comment }
web-approval-next = 次は「{ $next }」の承認です。
web-approval-by = { $by }（{ $at }）
web-overdue = 期限超過
web-filter = 表示：
web-filter-all = すべて
web-approval-counts = 作成中 { $draft }・提出済 { $submitted }・差戻し { $returned }・承認済 { $approved }・期限超過 { $overdue }
web-approval-deadline = 提出期限：{ $deadline }
cli-status-about = 各区の提出・承認の状況（決裁の一覧）を表示します
cli-status-examples =
    例：
      mokuhyo status
      mokuhyo status --sheets sheets
status-ward = { $ward }（{ $folder }）
status-deadline = 提出期限：{ $deadline }
status-overdue = 【期限超過】
status-errors = 【エラーあり：mokuhyo check で確かめてください】
status-comment = 差戻しの理由：{ $comment }
status-counts = 作成中 { $draft }・提出済 { $submitted }・差戻し { $returned }・承認済 { $approved }・期限超過 { $overdue }
status-ward-unreadable = { $folder }：ward.toml にエラーがあります（mokuhyo check で確かめてください）
web-approval-record = 決裁の記録
web-event-submit = 提出
web-event-withdraw = 提出の取り下げ
web-event-approve = 承認（{ $step }）
web-event-return = 差戻し
web-event-line = { $when }　{ $what }　{ $by }（版 { $version }）　{ $comment }
web-year-closed = この年度は締められているため、見るだけです。変えるには、企画係に年度を開け直してもらってください。
web-bad-folder = フォルダー名に使えない名前です。/ や \ や : を含まず、. で始まらない、1つの名前にしてください。
web-exists = 「{ $name }」はすでにあります。別の名前にしてください。
web-division-exists = この区には課「{ $name }」がすでにあります。別の名前にしてください。
web-uploaded-file = 取り込んだファイル
web-upload-would-lose = 課「{ $division }」の「{ $place }」が、取り込むブックにありません。取り込むと消えてしまうため、何も書き込んでいません。ブックに書き加えてから、もう一度取り込んでください。
web-user-exists = 利用者「{ $name }」はすでにいます。パスワードを変えるときは、その利用者の「パスワードを再設定」を使います。
web-no-such-user = 利用者「{ $name }」はいません。ページを読み込み直して、一覧を確かめてください。
web-ask-ward = 区名を入れてください（例：西区）。
web-folder-too-long = フォルダー名が長すぎます。{ $max } 文字までにしてください。
web-folder-reserved = 「{ $name }」は Windows が使う名前のため、フォルダー名にできません。別の名前にしてください。
web-year-far = 年度は { $first } 年度から { $last } 年度までにしてください。
web-created-outside-year = 作成日は、その年度の中（{ $start } から { $end } まで）の日にしてください。
web-sheets-is-a-ward = シートのフォルダーが1つの区のフォルダーなので、区をその中に増やせません。区のフォルダーを並べたフォルダーを mokuhyo serve --sheets に指定してください。
web-next-year-not-sound = この区にはエラーが { $count } 件あるため、次の年度を作れません。先にエラーを直してください。
web-no-users-file = 利用者ファイルなしで起動しているため、利用者はありません（mokuhyo serve --users で起動してください）。
log-ward-made = 区を作成：{ $ward }（{ $who }）
log-division-made = 課を作成：{ $ward }/{ $file }（{ $who }）
log-year-closed = 年度を締めました：{ $ward }（{ $who }）
log-year-reopened = 年度を開け直しました：{ $ward }（{ $who }）
log-user-added = 利用者を追加：{ $name }（{ $who }）
log-user-changed = 利用者を変更：{ $name }（{ $who }）
log-user-removed = 利用者を削除：{ $name }（{ $who }）
web-import-refused = このファイルは取り込めません。次の理由をご覧ください（何も書き込んでいません）。
log-imported = 取り込み：{ $ward } の { $count } ファイル（{ $who }）
serve-listening-network = 開いています。同じネットワークのパソコンのブラウザーで、次のどれかのアドレスを開いてください（止めるときは Ctrl+C）：
web-back-to-list = 一覧へ戻る
web-planning = 年度の作業
web-new-ward = 新しい区（年度）
web-folder = フォルダー名（半角英数字。例: nishi-r7）
web-ward-made = 区を作りました。
web-make = 作る
web-closed = 締め済み
web-division-name = 課名
web-division-made = 課を作りました。
web-new-division = 課を加える
web-excel-forms = Excel 様式
web-volume-pdf-no-stamps = 冊子の PDF（承認印の欄なし）
web-next-created = 次の年度の作成日（空なら4月1日）
web-next-year-made = 次の年度の区を作りました。
web-next-year = 次の年度を作る
web-next-year-says = この年度の目標・取組・指標を引き継ぎ、評価（評価日・評価・実績など）は空にした次の年度の区を作ります。この年度はそのまま残ります。
web-reopen-year = 年度を開け直す
web-reopen-says = この年度を開け直して、各課が再び書き込めるようにしますか。
web-close-year = 年度を締める
web-close-says = この年度を締めますか。各課の利用者は見るだけになります（企画係は開け直せます）。
web-accounts = 利用者
web-account-name = 利用者名
web-account-may-change = 変えられる課
web-account-divisions = 課（「、」で区切って複数）
web-account-all = すべての課（企画係）
web-account-added = 利用者を加えました。
web-account-add = 利用者を加える
web-add = 加える
web-account-locked = サインイン失敗でロック中
web-password-reset = パスワードを再設定
web-password-new = 新しいパスワード（8文字以上）
web-password-again = もう一度（確かめのため）
web-password-mismatch = 2つのパスワードが違います。同じパスワードを2回入れてください。
web-password-changed = パスワードを変えました。次のサインインから新しいパスワードを使います。
web-password-set = 変える
web-unlock = ロックを解除
web-account-remove-says = 利用者「{ $name }」を削除しますか。
web-whole-ward = 区のすべての課
web-download = ダウンロード
web-download-blank = 空の様式
web-upload = 記入した様式を取り込む
web-upload-says = 記入した Excel ファイルを選ぶと、先に何が変わるかを表示します。確かめてから「取り込む」を押してください。取り込めないところが1つでもあれば、何も書き込みません。
web-upload-preview = 変わるところを見る
web-upload-apply = 取り込む
web-upload-new-division = 新しい課
web-upload-place = 場所
web-upload-before = 今
web-upload-after = 取り込み後
web-upload-nothing = 変わるところはありません。
web-upload-lost = 失われる内容
web-upload-written = 取り込みました
web-upload-checked = 次のとおり変わります。よければ「取り込む」を押してください。
web-upload-added = （加わります）
web-upload-removed = （なくなります）
web-division-pdfs-rename-remove = 課ごとの PDF・課の名前を変える・課を削除する
web-rename = 名前を変える
web-division-new-name = 課の新しい名前を入れてください（これまでの保存の履歴は新しい名前に引き継ぎます）。
web-division-remove-says = 課「{ $name }」を削除しますか。ファイルは区のフォルダーの .removed フォルダーに移し、保存の履歴は残します。
log-division-renamed = 課の名前を変更：{ $ward }/{ $file }（{ $who }）
log-division-removed = 課を削除（.removed へ移動）：{ $ward }/{ $file }（{ $who }）
web-account-no-such-division = どの区にも課「{ $name }」はありません。課の名前を確かめてください（まだない課は、先に「年度の作業」で課を加えてください）。
web-account-not-yourself = サインインしている自分の利用者は削除できません。ほかの企画係の利用者から削除してください。
web-account-last-all = すべての課を扱える利用者はこの一人だけなので、削除することも、扱える課を絞ることもできません。先に、すべての課を扱える利用者をもう一人加えてください。
web-division-order-zero = 順は 1 以上の数にしてください。
web-division-order-taken = 順 { $order } には課「{ $division }」があります。空いている順にするか、空けたままにしてください（次の空いている順になります）。
web-account-did-you-mean = 「{ $name }」のことですか。
web-account-no-such-title = どの区にも「{ $title }」の印の欄はありません。区の印の欄は{ $titles }です。
web-account-approve = 承認する（決裁の権限）
web-account-title = 役職（印の欄）
web-account-full-name = 氏名（印に出る名前）
web-account-approval = 承認・役職・氏名
web-account-no-title = （なし）
web-account-change = 変える
web-account-changed = 変えました。
web-pdf-no-stamps = PDF（承認印の欄なし）
