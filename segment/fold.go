package segment

// foldRune maps a Latin letter with a diacritic to its lower-case base
// letters, so that "Erdoğan", "Côte" and "Zelenskyy" match their plain
// spellings. Letters outside the table are left to unicode.ToLower.
func foldRune(r rune) (string, bool) {
	if r < 0xC0 || r > 0x17F {
		return "", false
	}
	s, ok := latinFold[r]
	return s, ok
}

var latinFold = func() map[rune]string {
	m := make(map[rune]string)
	add := func(base string, letters string) {
		for _, r := range letters {
			m[r] = base
		}
	}
	add("a", "ÀÁÂÃÄÅàáâãäåĀāĂăĄą")
	add("ae", "Ææ")
	add("c", "ÇçĆćĈĉĊċČč")
	add("d", "ĎďĐđÐð")
	add("e", "ÈÉÊËèéêëĒēĔĕĖėĘęĚě")
	add("g", "ĜĝĞğĠġĢģ")
	add("h", "ĤĥĦħ")
	add("i", "ÌÍÎÏìíîïĨĩĪīĬĭĮįİı")
	add("j", "Ĵĵ")
	add("k", "Ķķ")
	add("l", "ĹĺĻļĽľĿŀŁł")
	add("n", "ÑñŃńŅņŇň")
	add("o", "ÒÓÔÕÖØòóôõöøŌōŎŏŐő")
	add("oe", "Œœ")
	add("r", "ŔŕŖŗŘř")
	add("s", "ŚśŜŝŞşŠš")
	add("ss", "ß")
	add("t", "ŢţŤťŦŧ")
	add("th", "Þþ")
	add("u", "ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų")
	add("w", "Ŵŵ")
	add("y", "ÝýÿŶŷŸ")
	add("z", "ŹźŻżŽž")
	return m
}()
