# header comment: the comment lines above the finding reach line 1
# expect: TMP002 no-fix
open("/tmp/report.txt", "w").close()
