// A query typed in decomposed Unicode (NFD: "o" + U+031B + U+0323, as some
// keyboards and input methods send "ợ") finds what the same query composed (NFC)
// finds: the site's text and its search index are NFC, so the query is made NFC
// on its way to Material's search worker (every query passes there, typed or
// given as ?q=). Nothing else of the message is changed.
(function () {
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && typeof message.data === "string") {
      var composed = message.data.normalize("NFC");
      if (composed !== message.data) {
        message = Object.assign({}, message, { data: composed });
      }
    }
    var rest = Array.prototype.slice.call(arguments, 1);
    return post.apply(this, [message].concat(rest));
  };
})();
