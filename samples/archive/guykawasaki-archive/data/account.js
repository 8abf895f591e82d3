window.YTD.account.part0 = [
  {
    "account" : {
      "email" : "guy@guykawasaki.example",
      "createdVia" : "web",
      "username" : "GuyKawasaki",
      "accountId" : "9533117",
      "createdAt" : "2006-11-27T04:29:11.000Z",
      "accountDisplayName" : "Guy Kawasaki"
    }
  }
]