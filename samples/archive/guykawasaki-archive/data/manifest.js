window.__THAR_CONFIG = {
  "userInfo": {
    "accountId": "9533117",
    "userName": "GuyKawasaki",
    "displayName": "Guy Kawasaki"
  },
  "archiveInfo": {
    "sizeBytes": "21700",
    "generationDate": "2020-06-01T12:00:00.000Z",
    "isPartialArchive": false,
    "maxPartSizeBytes": "53687091200"
  },
  "readmeInfo": {
    "fileName": "data/README.txt",
    "directory": "data/",
    "name": "README.txt"
  },
  "dataTypes": {
    "account": {
      "files": [
        {
          "fileName": "data/account.js",
          "globalName": "YTD.account.part0",
          "count": "1"
        }
      ]
    },
    "directMessages": {
      "mediaDirectory": "data/direct_messages_media",
      "files": [
        {
          "fileName": "data/direct-messages.js",
          "globalName": "YTD.direct_messages.part0",
          "count": "1"
        }
      ]
    },
    "tweets": {
      "mediaDirectory": "data/tweets_media",
      "files": [
        {
          "fileName": "data/tweets.js",
          "globalName": "YTD.tweets.part0",
          "count": "13"
        },
        {
          "fileName": "data/tweets-part1.js",
          "globalName": "YTD.tweets.part1",
          "count": "4"
        }
      ]
    }
  }
}